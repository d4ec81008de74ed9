import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeFinanceSdk } from '@chatvault/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { FinanceSdkError } from './finance-sdk';
import { downloadMedia, downloadMediaToFile, MediaDownloadError } from './media-download';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });

describe('downloadMedia', () => {
  const sdk = new FakeFinanceSdk({ publicKeys: new Map([[1, publicKey]]), currentKeyVersion: 1, mediaChunkBytes: 4096 });
  const file = randomBytes(10_000);
  const md5sum = sdk.addMedia('sdkfile-1', file);

  it('follows the chunks to the end and checks the md5sum', async () => {
    const before = sdk.calls.getMediaData;
    const data = await downloadMedia(sdk, 'sdkfile-1', { md5sum });
    expect(data.equals(file)).toBe(true);
    expect(sdk.calls.getMediaData - before).toBe(3);
  });

  it('accepts an empty md5sum, which WeCom sometimes sends', async () => {
    expect((await downloadMedia(sdk, 'sdkfile-1', { md5sum: '' })).length).toBe(10_000);
  });

  it('refuses a file whose md5 differs from the message', async () => {
    const wrong = createHash('md5').update('other').digest('hex');
    await expect(downloadMedia(sdk, 'sdkfile-1', { md5sum: wrong })).rejects.toThrow(MediaDownloadError);
  });

  it('passes SDK errors on, so the caller can retry the transient ones', async () => {
    sdk.failCall('getMediaData', sdk.calls.getMediaData + 2, 10001);
    await expect(downloadMedia(sdk, 'sdkfile-1')).rejects.toMatchObject({ code: 10001, transient: true });
    expect(await downloadMedia(sdk, 'sdkfile-1')).toHaveLength(10_000);
    await expect(downloadMedia(sdk, 'unknown')).rejects.toBeInstanceOf(FinanceSdkError);
  });

  it('stops an SDK that never finishes', async () => {
    const endless = { getMediaData: async (_id: string, index: string) => ({ data: Buffer.alloc(1), isFinish: false, outIndexBuf: `${index}x` }) };
    await expect(downloadMedia(endless, 'f', { maxChunks: 5 })).rejects.toThrow('not finished after 5 chunks');
    const stuck = { getMediaData: async () => ({ data: Buffer.alloc(1), isFinish: false, outIndexBuf: '' }) };
    await expect(downloadMedia(stuck, 'f')).rejects.toThrow('gave no new indexbuf');
  });
});

describe('downloadMediaToFile', () => {
  const sdk = new FakeFinanceSdk({ publicKeys: new Map([[1, publicKey]]), currentKeyVersion: 1, mediaChunkBytes: 4096 });
  const file = randomBytes(10_000);
  const md5sum = sdk.addMedia('sdkfile-1', file);
  const dir = mkdtempSync(join(tmpdir(), 'media-download-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the chunks to the file and checks the md5sum', async () => {
    const path = join(dir, 'ok');
    expect(await downloadMediaToFile(sdk, 'sdkfile-1', path, { md5sum })).toEqual({ size: 10_000 });
    expect(readFileSync(path).equals(file)).toBe(true);
  });

  it('refuses a file whose md5 differs from the message', async () => {
    await expect(downloadMediaToFile(sdk, 'sdkfile-1', join(dir, 'bad'), { md5sum: 'f'.repeat(32) })).rejects.toThrow(/does not match the message's md5sum/);
  });
});
