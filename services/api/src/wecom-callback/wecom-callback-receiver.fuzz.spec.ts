import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageBus } from '@chatvault/bus';
import { MemoryCache } from '@chatvault/cache';
import { DomainError, createLogger, loadConfig } from '@chatvault/platform';
import { WecomCallbackCrypto, callbackEventXml, callbackSignature } from '@chatvault/wecom';
import { CALLBACK_ACK, WecomCallbackReceiver } from './wecom-callback-receiver';

const CORP = 'wwfuzz';
const TOKEN = 'fuzz-token';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const dir = mkdtempSync(join(tmpdir(), 'chatvault-callback-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'corps.json'), JSON.stringify({ corps: [{ corpId: CORP, token: TOKEN, encodingAesKey: AES_KEY }] }));

const wecom = new WecomCallbackCrypto({ token: TOKEN, encodingAesKey: AES_KEY, receiverId: CORP });
const now = () => String(Math.floor(Date.now() / 1000));

/** Requests WeCom would never send: forged, truncated, mis-encrypted, or well encrypted around nonsense. */
const malformed = fc.oneof(
  fc.record({ query: fc.dictionary(fc.constantFrom('msg_signature', 'timestamp', 'nonce', 'x'), fc.string()), body: fc.oneof(fc.string(), fc.constant(undefined), fc.object()) }),
  fc.record({ encrypt: fc.base64String(), nonce: fc.string({ minLength: 1 }) }).map(({ encrypt, nonce }) => {
    const timestamp = now();
    return { query: { msg_signature: callbackSignature(TOKEN, timestamp, nonce, encrypt), timestamp, nonce }, body: `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
  }),
  fc.string().map((inner) => wecom.encrypt(inner)),
  fc.string().map((body) => ({ ...wecom.encrypt('<xml/>'), body })),
);

describe('WecomCallbackReceiver under malformed input', () => {
  it('refuses 10,000 generated malformed callbacks with a 4xx reason, publishes none of them, and loses none of the valid ones among them', async () => {
    const published: unknown[] = [];
    const bus = { publish: async (_topic: unknown, values: unknown[]) => void published.push(...values) } as unknown as MessageBus;
    const receiver = new WecomCallbackReceiver(loadConfig({ WECOM_CALLBACK_CORPS_FILE: join(dir, 'corps.json') }), bus, new MemoryCache(), createLogger('silent'));
    let valid = 0;
    let runs = 0;

    await fc.assert(
      fc.asyncProperty(malformed, async ({ query, body }) => {
        const outcome = await receiver.receive(CORP, query, body).then(
          (answer) => answer,
          (error: unknown) => error,
        );
        // An encrypted string that happens to be no event at all is answered and dropped, never published.
        if (outcome !== CALLBACK_ACK) {
          expect(outcome).toBeInstanceOf(DomainError);
          expect(['invalid_request', 'unauthenticated']).toContain((outcome as DomainError).code);
          expect((outcome as DomainError).details).toMatchObject({ reason: expect.any(String) });
        }
        expect(published).toHaveLength(valid);
        if (++runs % 100 === 0) {
          const good = wecom.encrypt(callbackEventXml(CORP, 'change_contact', { ChangeType: 'delete_user', UserID: `u${runs}` }));
          expect(await receiver.receive(CORP, good.query, good.body)).toBe(CALLBACK_ACK);
          valid++;
        }
      }),
      { numRuns: 10_000 },
    );
    expect(published).toHaveLength(100);
    // 10,000 decryptions take a few seconds alone and more beside the rest of the suite.
  }, 60_000);
});
