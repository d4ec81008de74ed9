import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { decryptRandomKey, encryptRandomKey, parsePrivateKey, RandomKeyDecryptError } from './archive-random-key';

const pair = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});

describe('decryptRandomKey', () => {
  it('agrees with node-forge’s PKCS#1 v1.5 decryption', () => {
    const reference = forge.pki.privateKeyFromPem(pair.privateKey);
    const key = parsePrivateKey(pair.privateKey);
    for (let i = 0; i < 20; i++) {
      const randomKey = randomBytes(24).toString('base64');
      const encrypted = encryptRandomKey(pair.publicKey, randomKey);
      const expected = reference.decrypt(Buffer.from(encrypted, 'base64').toString('binary'), 'RSAES-PKCS1-V1_5');
      expect(decryptRandomKey(key, encrypted)).toBe(Buffer.from(expected, 'binary').toString('utf8'));
      expect(decryptRandomKey(key, encrypted)).toBe(randomKey);
    }
  });

  it('accepts PKCS#8 keys as well as the PKCS#1 keys WeCom tells admins to generate', () => {
    const pkcs8 = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(decryptRandomKey(parsePrivateKey(pkcs8.privateKey), encryptRandomKey(pkcs8.publicKey, 'k'.repeat(32)))).toBe('k'.repeat(32));
  });

  it('refuses a block that was not PKCS#1 v1.5 padded', () => {
    const raw = Buffer.alloc(256, 0x11);
    raw[0] = 0; // below the modulus, but not 00 02 ...
    const encrypted = publicEncrypt({ key: pair.publicKey, padding: constants.RSA_NO_PADDING }, raw).toString('base64');
    expect(() => decryptRandomKey(parsePrivateKey(pair.privateKey), encrypted)).toThrow(/PKCS#1 v1.5 header/);
  });

  it('refuses a block of the wrong size for the key', () => {
    expect(() => decryptRandomKey(parsePrivateKey(pair.privateKey), Buffer.alloc(128).toString('base64'))).toThrow(RandomKeyDecryptError);
  });
});
