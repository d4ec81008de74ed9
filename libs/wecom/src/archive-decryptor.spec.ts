import { generateKeyPairSync } from 'node:crypto';
import { FakeFinanceSdk } from '@chatvault/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveDecryptError, ArchiveDecryptor } from './archive-decryptor';
import { FinanceSdkError, type EncryptedChatRecord } from './finance-sdk';

const rsa = (type: 'pkcs1' | 'pkcs8') =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type, format: 'pem' } });

async function failure(work: Promise<unknown>): Promise<ArchiveDecryptError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArchiveDecryptError)) throw new Error(`expected an ArchiveDecryptError, got ${String(error)}`);
  return error;
}

describe('ArchiveDecryptor', () => {
  const v1 = rsa('pkcs1');
  const v2 = rsa('pkcs8');
  const sdk = new FakeFinanceSdk({ publicKeys: new Map([[1, v1.publicKey], [2, v2.publicKey]]), currentKeyVersion: 1 });
  let records: EncryptedChatRecord[];

  beforeAll(async () => {
    sdk.append({ msgid: 'm1', action: 'send', from: 'zhangsan', tolist: ['wmCustomer'], roomid: '', msgtime: 1700000000000, msgtype: 'text', text: { content: '您好' } });
    sdk.rotateKey(2);
    sdk.append({ msgid: 'm2', action: 'send', from: 'wmCustomer', tolist: ['zhangsan'], roomid: '', msgtime: 1700000001000, msgtype: 'text', text: { content: '报价单收到' } });
    records = (await sdk.getChatData(0, 100)).chatdata;
  });

  it('decrypts records of two key versions with the key of each', async () => {
    const decryptor = new ArchiveDecryptor(new Map([[1, v1.privateKey], [2, v2.privateKey]]), sdk);
    expect(records.map((r) => r.publickey_ver)).toEqual([1, 2]);
    const plain = await Promise.all(records.map((r) => decryptor.decrypt(r)).map(async (p) => JSON.parse(await p)));
    expect(plain.map((m) => [m.msgid, m.text.content])).toEqual([
      ['m1', '您好'],
      ['m2', '报价单收到'],
    ]);
  });

  it('reports a missing key version as retryable and names the versions it has', async () => {
    const decryptor = new ArchiveDecryptor(new Map([[1, v1.privateKey]]), sdk);
    const error = await failure(decryptor.decrypt(records[1]));
    expect(error).toMatchObject({ code: 'missing_key_version', retryable: true, record: { seq: 2, msgid: 'm2', publickey_ver: 2 } });
    expect(error.message).toContain('loaded versions: 1');
    await expect(decryptor.decrypt(records[0])).resolves.toContain('您好');
  });

  it('reports a wrong key filed under a version', async () => {
    const decryptor = new ArchiveDecryptor(new Map([[2, v1.privateKey]]), sdk);
    expect(await failure(decryptor.decrypt(records[1]))).toMatchObject({ code: 'random_key_undecryptable', retryable: false });
  });

  it('reports an unusable private key', async () => {
    const decryptor = new ArchiveDecryptor(new Map([[1, '-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----']]), sdk);
    expect(await failure(decryptor.decrypt(records[0]))).toMatchObject({ code: 'invalid_private_key' });
  });

  it('passes on whether a DecryptData failure is worth retrying', async () => {
    const keys = new Map([[1, v1.privateKey]]);
    const transient = new ArchiveDecryptor(keys, { decryptData: async () => Promise.reject(FinanceSdkError.fromCode(10003, 'DecryptData')) });
    expect(await failure(transient.decrypt(records[0]))).toMatchObject({ code: 'message_undecryptable', retryable: true });
    const permanent = new ArchiveDecryptor(keys, { decryptData: async () => Promise.reject(FinanceSdkError.fromCode(10006, 'DecryptData')) });
    const error = await failure(permanent.decrypt(records[0]));
    expect(error).toMatchObject({ code: 'message_undecryptable', retryable: false });
    expect(error.cause).toBeInstanceOf(FinanceSdkError);
  });
});
