import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatMessageDecryptError, decryptChatMessage, encryptChatMessage } from './chat-message-cipher';

const key = 'abcdefghijklmnopqrstuvwxyz012345';

describe('chat message cipher (assumed DecryptData scheme)', () => {
  it('decrypts what it encrypts for any message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        expect(decryptChatMessage(key, encryptChatMessage(key, text))).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('pads to whole 16-byte blocks, adding a full block to an aligned message', () => {
    expect(Buffer.from(encryptChatMessage(key, 'x'.repeat(16)), 'base64')).toHaveLength(32);
    expect(Buffer.from(encryptChatMessage(key, 'x'.repeat(15)), 'base64')).toHaveLength(16);
  });

  it('refuses keys that are not 32 bytes and ciphertext that is not whole blocks', () => {
    expect(() => decryptChatMessage('short', encryptChatMessage(key, 'x'))).toThrow('random key is 5 bytes');
    expect(() => decryptChatMessage(key, Buffer.alloc(10).toString('base64'))).toThrow(ChatMessageDecryptError);
  });
});
