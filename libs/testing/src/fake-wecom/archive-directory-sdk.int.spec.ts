import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { simulate } from '@chatvault/simulator';
import { ArchiveDecryptor, KoffiFinanceSdk, downloadMedia } from '@chatvault/wecom';
import { FakeFinanceSdk } from './fake-finance-sdk';
import { buildArchiveDirectorySdk } from './native-finance-sdk-stub';
import { loadSimulatedArchive } from './simulation-loaders';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });

/** What a ChatVault process reads through its koffi binding from a simulation a test archived (needs gcc and OpenSSL headers). */
describe('the native finance SDK over an exported FakeFinanceSdk', () => {
  const archiveDir = mkdtempSync(join(tmpdir(), 'fake-archive-'));
  const simulation = simulate({ seed: 3, days: 1, employees: 6 });
  const corpId = simulation.org.corpId;
  const fake = new FakeFinanceSdk({ publicKeys: new Map([[2, keys.publicKey]]), currentKeyVersion: 2, mediaChunkBytes: 1024 });
  let sdk: KoffiFinanceSdk;

  beforeAll(async () => {
    loadSimulatedArchive(fake, simulation);
    fake.exportTo(join(archiveDir, corpId));
    sdk = await KoffiFinanceSdk.open({ libraryPath: buildArchiveDirectorySdk(archiveDir), corpId, secret: 'archive-secret' });
  });

  afterAll(async () => {
    await sdk?.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  it('serves every record after seq, at most limit, decrypting to the simulated record with its served md5sum', async () => {
    const first = await sdk.getChatData(0, 1000);
    expect(first.chatdata).toEqual((await fake.getChatData(0, 1000)).chatdata);
    expect((await sdk.getChatData(5, 3)).chatdata.map((r) => r.seq)).toEqual([6, 7, 8]);
    expect((await sdk.getChatData(simulation.records.length, 10)).chatdata).toEqual([]);

    const decryptor = new ArchiveDecryptor(new Map([[2, keys.privateKey]]), sdk);
    // One at a time, as the puller decrypts: koffi refuses more than a few dozen native calls in flight.
    const decrypted: any[] = [];
    for (const record of first.chatdata) decrypted.push(JSON.parse(await decryptor.decrypt(record)));
    expect(decrypted.map((r) => r.msgid)).toEqual(simulation.records.map((r) => r.msgid));
    const text = simulation.records.find((r) => r.msgtype === 'text')!;
    expect(decrypted.find((r) => r.msgid === text.msgid)).toEqual(text);
    const image = decrypted.find((r) => r.msgtype === 'image');
    expect(image.image.md5sum).not.toBe((simulation.records.find((r) => r.msgid === image.msgid)!.image as { md5sum: string }).md5sum);
    expect(await downloadMedia(sdk, image.image.sdkfileid, { md5sum: image.image.md5sum })).toEqual(await downloadMedia(fake, image.image.sdkfileid));
  });

  it('serves a simulated QR image as a picture of its payload, across chunks of 512 KB', async () => {
    const { sdkfileid, qrPayload } = simulation.images[0]!;
    const png = PNG.sync.read(await downloadMedia(sdk, sdkfileid));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(qrPayload);

    const large = randomBytes(1_200_000);
    fake.addMedia('large-file', large);
    fake.exportTo(join(archiveDir, corpId));
    const first = await sdk.getMediaData('large-file', '');
    expect(first).toMatchObject({ isFinish: false, outIndexBuf: 'Range: bytes=524288-1199999' });
    expect((await downloadMedia(sdk, 'large-file')).equals(large)).toBe(true);
  });

  it('answers as the SDK does to an unknown file, a bad indexbuf, a corrupt message and an unknown corp', async () => {
    await expect(sdk.getMediaData('missing', '')).rejects.toMatchObject({ code: 10005 });
    await expect(sdk.getMediaData(simulation.images[0]!.sdkfileid, 'garbage')).rejects.toMatchObject({ code: 10000 });
    await expect(sdk.decryptData('k'.repeat(32), 'AAAAAAAAAAAAAAAAAAAAAA==')).rejects.toMatchObject({ code: 10006 });
    await expect(KoffiFinanceSdk.open({ libraryPath: buildArchiveDirectorySdk(archiveDir), corpId: 'wwunknown', secret: 's' })).rejects.toMatchObject({ code: 10000 });
  });
});
