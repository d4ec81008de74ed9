import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ArchiveDecryptor, FinanceSdkError } from '@chatvault/wecom';
import { describe, expect, it } from 'vitest';
import { FakeFinanceSdk } from './fake-finance-sdk';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });

function sdkWith(count: number, options: { mediaChunkBytes?: number } = {}): FakeFinanceSdk {
  const sdk = new FakeFinanceSdk({ publicKeys: new Map([[3, keys.publicKey]]), currentKeyVersion: 3, ...options });
  for (let i = 1; i <= count; i++) sdk.append({ msgid: `m${i}`, action: 'send', msgtype: 'text', text: { content: `message ${i}` } });
  return sdk;
}

async function codeOf(work: Promise<unknown>): Promise<number> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FinanceSdkError)) throw new Error(`expected a FinanceSdkError, got ${String(error)}`);
  return error.code;
}

describe('FakeFinanceSdk', () => {
  it('returns records strictly after seq, at most limit, in seq order', async () => {
    const sdk = sdkWith(5);
    expect((await sdk.getChatData(0, 2)).chatdata.map((r) => r.seq)).toEqual([1, 2]);
    expect((await sdk.getChatData(2, 10)).chatdata.map((r) => r.seq)).toEqual([3, 4, 5]);
    expect((await sdk.getChatData(5, 10)).chatdata).toEqual([]);
  });

  it('keeps gaps in seq and never lets seq go back', async () => {
    const sdk = sdkWith(1);
    sdk.append('{"msgid":"late"}', { seq: 10 });
    expect((await sdk.getChatData(1, 10)).chatdata.map((r) => [r.seq, r.msgid])).toEqual([[10, 'late']]);
    expect(() => sdk.append('{}', { seq: 5 })).toThrow('would go back');
  });

  it('refuses a limit outside 1..1000 with the SDK’s parameter error', async () => {
    const sdk = sdkWith(1);
    expect(await codeOf(sdk.getChatData(0, 1001))).toBe(10000);
    expect(await codeOf(sdk.getChatData(0, 0))).toBe(10000);
    expect((await sdk.getChatData(0, 1000)).chatdata).toHaveLength(1);
  });

  it('fails the chosen calls with the chosen codes, marking 10001-10003 transient', async () => {
    const sdk = sdkWith(2);
    sdk.failCall('getChatData', 2, 10001);
    sdk.failCall('getChatData', 3, 10010);
    await sdk.getChatData(0, 1);
    const transient = await sdk.getChatData(0, 1).catch((e: FinanceSdkError) => e);
    expect(transient).toMatchObject({ code: 10001, transient: true });
    const permanent = await sdk.getChatData(0, 1).catch((e: FinanceSdkError) => e);
    expect(permanent).toMatchObject({ code: 10010, transient: false });
    expect((await sdk.getChatData(0, 5)).chatdata).toHaveLength(2);
    expect(sdk.calls.getChatData).toBe(4);
  });

  it('encrypts records so that the archive decryptor reads them back', async () => {
    const sdk = sdkWith(3);
    const decryptor = new ArchiveDecryptor(new Map([[3, keys.privateKey]]), sdk);
    const { chatdata } = await sdk.getChatData(0, 3);
    expect(chatdata.every((r) => r.publickey_ver === 3 && Buffer.from(r.encrypt_random_key, 'base64').length === 256)).toBe(true);
    const messages = await Promise.all(chatdata.map(async (r) => JSON.parse(await decryptor.decrypt(r)).text.content));
    expect(messages).toEqual(['message 1', 'message 2', 'message 3']);
  });

  it('serves media in chunks chained by indexbuf, the last one flagged finished', async () => {
    const sdk = sdkWith(0, { mediaChunkBytes: 1000 });
    const file = randomBytes(2500);
    sdk.addMedia('file-1', file);
    const first = await sdk.getMediaData('file-1', '');
    expect(first).toMatchObject({ isFinish: false, outIndexBuf: 'Range: bytes=1000-1999' });
    const second = await sdk.getMediaData('file-1', first.outIndexBuf);
    const third = await sdk.getMediaData('file-1', second.outIndexBuf);
    expect(third.isFinish).toBe(true);
    expect(Buffer.concat([first.data, second.data, third.data]).equals(file)).toBe(true);
    expect(await codeOf(sdk.getMediaData('missing', ''))).toBe(10005);
    expect(await codeOf(sdk.getMediaData('file-1', 'garbage'))).toBe(10000);
  });

  it('caps chunks at WeCom’s 512 KB', async () => {
    const sdk = sdkWith(0, { mediaChunkBytes: 10 * 1024 * 1024 });
    sdk.addMedia('big', Buffer.alloc(600 * 1024, 7));
    expect((await sdk.getMediaData('big', '')).data).toHaveLength(512 * 1024);
  });

  it('maps a DecryptData failure to the SDK’s decryption error', async () => {
    const sdk = sdkWith(0);
    expect(await codeOf(sdk.decryptData('k'.repeat(32), 'AAAA'))).toBe(10006);
  });
});
