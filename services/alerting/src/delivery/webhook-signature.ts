import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  timestamp: 'x-chatvault-timestamp',
  signature: 'x-chatvault-signature',
  delivery: 'x-chatvault-delivery',
} as const;

/**
 * `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`: signing the timestamp with the body lets
 * a receiver refuse an old post replayed at it (Stripe's scheme, which receivers already know).
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: the signature matches and the timestamp is within the tolerance of now. */
export function verifyWebhook(secret: string, headers: { timestamp: string; signature: string }, body: string, now: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
