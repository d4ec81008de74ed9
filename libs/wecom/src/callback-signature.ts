import { createHash, timingSafeEqual } from 'node:crypto';

/** WeCom's msg_signature: SHA1 over token, timestamp, nonce and the encrypted text, sorted then joined. */
export function callbackSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

/** Constant-time, so a forger cannot learn the signature byte by byte from response times. */
export function signatureMatches(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
