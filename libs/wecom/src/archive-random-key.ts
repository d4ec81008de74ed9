import { constants, createPrivateKey, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';

/*
 * WeCom encrypts each record's random key with the enterprise's RSA public key using PKCS#1 v1.5.
 * Node 20 refuses RSA_PKCS1_PADDING in privateDecrypt (CVE-2023-46809, the Marvin timing attack):
 * the danger is a server that decrypts attacker-chosen ciphertexts and reveals whether the padding
 * was valid. We only decrypt what WeCom's SDK handed us and never tell anyone about padding, so we
 * are not such an oracle. We do the RSA primitive natively (RSA_NO_PADDING is still allowed) and
 * strip the v1.5 padding here: node-forge's pure-JS RSA takes ~46 ms per 2048-bit decryption
 * against ~2 ms natively, which for a 1000-record batch would block the event loop for ~46 s.
 * The spec checks this against node-forge's PKCS#1 v1.5 decoder.
 */

export class RandomKeyDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RandomKeyDecryptError';
  }
}

export function parsePrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new RandomKeyDecryptError(`private key is ${key.asymmetricKeyType}, WeCom uses RSA`);
  return key;
}

/** base64 `encrypt_random_key` → the random key string DecryptData expects. */
export function decryptRandomKey(privateKey: KeyObject, encryptRandomKey: string): string {
  const block = Buffer.from(encryptRandomKey, 'base64');
  const modulusBytes = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (block.length !== modulusBytes) {
    throw new RandomKeyDecryptError(`encrypt_random_key is ${block.length} bytes, the key's modulus is ${modulusBytes}: wrong key version?`);
  }
  let encoded: Buffer;
  try {
    encoded = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, block);
  } catch (error) {
    throw new RandomKeyDecryptError(`RSA decryption failed: ${(error as Error).message}`);
  }
  return unpadPkcs1v15(encoded).toString('utf8');
}

/** EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2): 0x00 ‖ 0x02 ‖ ≥8 non-zero bytes ‖ 0x00 ‖ message. */
function unpadPkcs1v15(encoded: Buffer): Buffer {
  if (encoded[0] !== 0x00 || encoded[1] !== 0x02) {
    throw new RandomKeyDecryptError('decrypted random key has no PKCS#1 v1.5 header: wrong private key for this version?');
  }
  const separator = encoded.indexOf(0x00, 2);
  if (separator < 10) throw new RandomKeyDecryptError('decrypted random key has malformed PKCS#1 v1.5 padding');
  return encoded.subarray(separator + 1);
}

/** What WeCom does with the public key; used by the fake SDK. */
export function encryptRandomKey(publicKeyPem: string, randomKey: string): string {
  return publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(randomKey, 'utf8')).toString('base64');
}
