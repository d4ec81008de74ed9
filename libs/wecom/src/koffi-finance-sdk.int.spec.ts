import { buildNativeFinanceSdkStub } from '@chatvault/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FinanceSdkError } from './finance-sdk';
import { KoffiFinanceSdk } from './koffi-finance-sdk';
import { downloadMedia } from './media-download';

/** Runs the koffi binding against a C library with the SDK header's exports (needs gcc). */
describe('KoffiFinanceSdk through a native stub of the SDK', () => {
  let libraryPath: string;
  let sdk: KoffiFinanceSdk;

  beforeAll(async () => {
    libraryPath = buildNativeFinanceSdkStub();
    sdk = await KoffiFinanceSdk.open({ libraryPath, corpId: 'wwcorp', secret: 'archive-secret', proxyPassword: 'user:pw', defaultTimeoutSec: 7 });
  });

  afterAll(() => sdk.close());

  it('pulls records after seq, passing limit, timeout and proxy credentials through', async () => {
    const batch = await sdk.getChatData(1, 1000);
    expect(batch.chatdata).toEqual([
      { seq: 2, msgid: 'msg2', publickey_ver: 7, encrypt_random_key: 'key2', encrypt_chat_msg: 'msg2-7' },
      { seq: 3, msgid: 'msg3', publickey_ver: 7, encrypt_random_key: 'key3', encrypt_chat_msg: 'msg3-7' },
    ]);
    expect((await sdk.getChatData(0, 1, 3)).chatdata.map((r) => [r.seq, r.publickey_ver])).toEqual([[1, 3]]);
  });

  it('refuses a limit above 1000 before calling the library', async () => {
    await expect(sdk.getChatData(0, 1001)).rejects.toMatchObject({ code: 10000 });
  });

  it('decrypts through DecryptData, keeping UTF-8 intact, and maps its failures', async () => {
    expect(JSON.parse(await sdk.decryptData('random-key', 'cipher'))).toEqual({ msgid: 'cipher', key: 'random-key', text: '中文' });
    await expect(sdk.decryptData('bad-key', 'cipher')).rejects.toMatchObject({ code: 10006, transient: false });
  });

  it('downloads binary media holding NUL bytes across chunks', async () => {
    const data = await downloadMedia(sdk, 'file-1');
    expect(data).toHaveLength(700);
    expect([...data].every((byte, i) => byte === i % 251)).toBe(true);
    await expect(sdk.getMediaData('file-2', '')).rejects.toMatchObject({ code: 10005 });
  });

  it('reports a transient failure with the error the SDK left in the slice', async () => {
    const behindProxy = await KoffiFinanceSdk.open({ libraryPath, corpId: 'wwcorp', secret: 's', proxy: 'http://unreachable' });
    const error = await behindProxy.getChatData(0, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinanceSdkError);
    expect(error).toMatchObject({ code: 10001, transient: true });
    expect((error as Error).message).toContain('network error');
    await behindProxy.close();
    await expect(behindProxy.getChatData(0, 1)).rejects.toThrow('closed');
  });

  it('fails to open with a rejected secret', async () => {
    await expect(KoffiFinanceSdk.open({ libraryPath, corpId: 'wwcorp', secret: 'wrong-secret' })).rejects.toMatchObject({ code: 10000 });
  });
});
