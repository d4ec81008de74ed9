import { createCipheriv, createDecipheriv } from 'node:crypto';
import { pkcs7Pad, pkcs7Unpad } from './pkcs7';

/*
 * What the SDK's DecryptData is believed to do: AES-256-CBC keyed with the (RSA-decrypted) random
 * key, IV = its first 16 bytes, PKCS#7 padding, base64 ciphertext. WeCom does not document it and
 * no public reimplementation was found to confirm it, so this is used by the fake SDK and as the
 * decrypter when no vendor library is configured, never to decrypt production data in place of
 * the vendor library.
 */

const AES_BLOCK = 16;

export class ChatMessageDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatMessageDecryptError';
  }
}

function keyOf(randomKey: string): Buffer {
  const key = Buffer.from(randomKey, 'utf8');
  if (key.length !== 32) throw new ChatMessageDecryptError(`random key is ${key.length} bytes; AES-256 needs 32`);
  return key;
}

export function encryptChatMessage(randomKey: string, plaintext: string): string {
  const key = keyOf(randomKey);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK)).setAutoPadding(false);
  return Buffer.concat([cipher.update(pkcs7Pad(Buffer.from(plaintext, 'utf8'), AES_BLOCK)), cipher.final()]).toString('base64');
}

export function decryptChatMessage(randomKey: string, encryptChatMsg: string): string {
  const key = keyOf(randomKey);
  const data = Buffer.from(encryptChatMsg, 'base64');
  if (data.length === 0 || data.length % AES_BLOCK !== 0) {
    throw new ChatMessageDecryptError(`encrypt_chat_msg is ${data.length} bytes, not a whole number of AES blocks`);
  }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK)).setAutoPadding(false);
  const plain = pkcs7Unpad(Buffer.concat([decipher.update(data), decipher.final()]), AES_BLOCK);
  if (!plain) throw new ChatMessageDecryptError('decrypted message has invalid padding: wrong random key or corrupt ciphertext');
  return plain.toString('utf8');
}

/** A `ChatMessageDecrypter` that needs no vendor library. */
export const pureChatMessageDecrypter = {
  decryptData: async (randomKey: string, encryptChatMsg: string): Promise<string> => decryptChatMessage(randomKey, encryptChatMsg),
};
