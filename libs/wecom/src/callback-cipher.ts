import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CallbackCryptoError } from './callback-crypto-error';
import { pkcs7Pad, pkcs7Unpad } from './pkcs7';

/** WeCom pads callback plaintext to multiples of 32 bytes (the AES key length), not the AES block size. */
const CALLBACK_PAD_BLOCK = 32;
const RANDOM_PREFIX = 16;
const LENGTH_FIELD = 4;

/**
 * The AES layer of WeCom's callback scheme: AES-256-CBC with IV = first 16 key bytes over
 * `random(16) ‖ uint32be(len) ‖ message ‖ receiverId`.
 */
export class CallbackCipher {
  private readonly key: Buffer;

  constructor(encodingAesKey: string) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) {
      throw new CallbackCryptoError('bad_aes_key', 'EncodingAESKey must be the 43 letters and digits shown in the WeCom admin console');
    }
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) {
      throw new CallbackCryptoError('bad_aes_key', `EncodingAESKey decodes to ${this.key.length} bytes, expected 32`);
    }
  }

  encrypt(message: string, receiverId: string, random: Buffer = randomBytes(RANDOM_PREFIX)): string {
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(LENGTH_FIELD);
    length.writeUInt32BE(body.length);
    const plain = pkcs7Pad(Buffer.concat([random.subarray(0, RANDOM_PREFIX), length, body, Buffer.from(receiverId, 'utf8')]), CALLBACK_PAD_BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** Returns the message and the receiver id it was addressed to; the caller decides whether that id is ours. */
  decrypt(encrypted: string): { message: string; receiverId: string } {
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) {
      throw new CallbackCryptoError('bad_payload', `encrypted text is ${data.length} bytes, not a whole number of AES blocks`);
    }
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
    const unpadded = pkcs7Unpad(Buffer.concat([decipher.update(data), decipher.final()]), CALLBACK_PAD_BLOCK);
    if (!unpadded) throw new CallbackCryptoError('bad_padding', 'decrypted text has invalid PKCS#7 padding: wrong EncodingAESKey or tampered payload');
    if (unpadded.length < RANDOM_PREFIX + LENGTH_FIELD) {
      throw new CallbackCryptoError('bad_payload', 'decrypted text is too short to hold the random prefix and length');
    }
    const length = unpadded.readUInt32BE(RANDOM_PREFIX);
    const start = RANDOM_PREFIX + LENGTH_FIELD;
    if (start + length > unpadded.length) {
      throw new CallbackCryptoError('bad_payload', `declared message length ${length} exceeds the decrypted text`);
    }
    return {
      message: unpadded.subarray(start, start + length).toString('utf8'),
      receiverId: unpadded.subarray(start + length).toString('utf8'),
    };
  }
}
