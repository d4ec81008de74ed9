import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureProblemV1, chatMediaStoredV1, type CaptureProblem, type ChatMediaStored, type ChatMessageArchived, type MediaRef } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { FsObjectStore } from '@chatvault/object-store';
import { createLogger } from '@chatvault/platform';
import { TypeormArchiveStore } from '@chatvault/store';
import { chatMessage, FakeFinanceSdk, waitFor } from '@chatvault/testing';
import { MediaFetcher, type MediaSource } from './media-fetcher';

const logger = createLogger('silent');
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function archived(msgid: string, media: MediaRef[], corpId = 'corp'): ChatMessageArchived {
  return {
    eventId: `archived:${corpId}:${msgid}`,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    message: chatMessage({ corpId, msgid, msgtype: 'image', media, seq: 7 }),
    record: {},
    contentHash: '0'.repeat(64),
  };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('MediaFetcher', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let store: TypeormArchiveStore;
  let objects: FsObjectStore;
  let sdk: FakeFinanceSdk;
  let sleeps: number[];
  let stored: ChatMediaStored[];
  let problems: CaptureProblem[];
  let fetcher: MediaFetcher;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'media-fetcher-'));
    bus = new InProcessBus({ log: new MemoryBusLog(), logger });
    store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'chatvault.db') }, logger);
    await store.migrate();
    objects = new FsObjectStore(join(dataDir, 'objects'));
    sdk = new FakeFinanceSdk({ publicKeys: new Map([[1, keys.publicKey]]), currentKeyVersion: 1, mediaChunkBytes: 1_000 });
    sleeps = [];
    stored = [];
    problems = [];
    await bus.subscribe(chatMediaStoredV1, { group: 'watch' }, async ({ value }) => void stored.push(value));
    await bus.subscribe(captureProblemV1, { group: 'watch' }, async ({ value }) => void problems.push(value));
    await bus.start();
    const sources = { sourceFor: (corpId: string): MediaSource | undefined => (corpId === 'corp' ? sdk : undefined) };
    fetcher = new MediaFetcher(sources, store, objects, bus, logger, { attempts: 3, retryDelayMs: 100, downloadDir: join(dataDir, 'downloads'), now: () => 1_767_225_600_000, sleep: async (ms) => void sleeps.push(ms) });
  });

  afterEach(async () => {
    await bus.stop();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('downloads a file in chunks, stores it by content address and announces it', async () => {
    const image = Buffer.concat([PNG_HEADER, randomBytes(3_500)]);
    const md5sum = sdk.addMedia('file-1', image);
    await fetcher.fetchAll([archived('img-1', [{ sdkfileid: 'file-1', md5sum, size: image.length }])]);

    expect(sdk.calls.getMediaData).toBe(4);
    expect((await objects.get(sha256(image)))?.equals(image)).toBe(true);
    expect(await store.media.find('corp', 'img-1', 0)).toMatchObject({ state: 'stored', sha256: sha256(image), size: image.length, md5: md5sum, contentType: 'image/png', error: null });
    const [event] = await waitFor(() => (stored.length > 0 ? stored : undefined), { description: 'the media-stored event' });
    expect(readdirSync(join(dataDir, 'downloads'))).toEqual([]);
    expect(event).toMatchObject({ corpId: 'corp', msgid: 'img-1', index: 0, sha256: sha256(image), contentType: 'image/png', size: image.length, conversationId: 'single:wmCustomer|zhangsan' });
  });

  it('stores identical media of two messages once, and does not download a stored file again', async () => {
    const image = Buffer.concat([PNG_HEADER, randomBytes(500)]);
    const md5sum = sdk.addMedia('forwarded-a', image);
    sdk.addMedia('forwarded-b', image);
    await fetcher.fetchAll([archived('fwd-1', [{ sdkfileid: 'forwarded-a', md5sum }])]);
    await fetcher.fetchAll([archived('fwd-2', [{ sdkfileid: 'forwarded-b', md5sum }])]);
    const callsBefore = sdk.calls.getMediaData;
    await fetcher.fetchAll([archived('fwd-2', [{ sdkfileid: 'forwarded-b', md5sum }])]);

    expect(sdk.calls.getMediaData).toBe(callsBefore);
    expect((await store.media.find('corp', 'fwd-1', 0))?.sha256).toBe(sha256(image));
    expect((await store.media.find('corp', 'fwd-2', 0))?.sha256).toBe(sha256(image));
    await waitFor(() => stored.length === 3, { description: 'three media-stored events, the redelivery announced again' });
    expect(new Set(stored.map((e) => e.eventId))).toEqual(new Set(['media-stored:corp:fwd-1:0', 'media-stored:corp:fwd-2:0']));
  });

  it('takes a batch of messages at once: each file downloaded once however often its message came, media without a source recorded', async () => {
    const image = Buffer.concat([PNG_HEADER, randomBytes(500)]);
    const md5sum = sdk.addMedia('batched', image);
    const message = archived('batch-1', [{ sdkfileid: 'batched', md5sum }]);
    await fetcher.fetchAll([message, archived('http-2', [{ sdkfileid: 'x', md5sum: '' }], 'http-only-corp'), message, archived('text-1', [])]);

    expect(sdk.calls.getMediaData).toBe(1);
    expect(await store.media.find('corp', 'batch-1', 0)).toMatchObject({ state: 'stored', sha256: sha256(image) });
    expect(await store.media.find('http-only-corp', 'http-2', 0)).toMatchObject({ state: 'no-source' });
    await waitFor(() => stored.length === 1, { description: 'one media-stored event' });
    expect(stored[0]).toMatchObject({ msgid: 'batch-1', index: 0 });
  });

  it('records an md5 mismatch after its retries, publishes a media-failed problem and still fetches the next file', async () => {
    const good = Buffer.from('GIF89a good');
    const goodMd5 = sdk.addMedia('good', good);
    sdk.addMedia('corrupt', Buffer.from('bytes that do not match'));
    await fetcher.fetchAll([archived('mixed-1', [{ sdkfileid: 'corrupt', md5sum: 'f'.repeat(32) }, { sdkfileid: 'good', md5sum: goodMd5 }])]);

    expect(sleeps).toEqual([100, 200]);
    expect(readdirSync(join(dataDir, 'downloads'))).toEqual([]);
    const failed = await store.media.find('corp', 'mixed-1', 0);
    expect(failed).toMatchObject({ state: 'failed', sha256: null });
    expect(failed?.error).toContain(`does not match the message's md5sum ${'f'.repeat(32)}`);
    expect(await store.media.find('corp', 'mixed-1', 1)).toMatchObject({ state: 'stored', contentType: 'image/gif' });
    const [problem] = await waitFor(() => (problems.length > 0 ? problems : undefined), { description: 'the media-failed problem' });
    expect(problem).toMatchObject({ corpId: 'corp', kind: 'media-failed', msgid: 'mixed-1', count: 1, seqFrom: 7, seqTo: 7 });
    expect(problem!.detail).toMatch(/^media #0 \(image\) of message mixed-1: media corrupt: md5 /);
  });

  it('retries a transient SDK failure and gives up at once on a permanent one', async () => {
    const voice = Buffer.from('#!SILK_V3 voice');
    const md5sum = sdk.addMedia('voice', voice);
    sdk.failCall('getMediaData', 1, 10001);
    await fetcher.fetchAll([archived('voice-1', [{ sdkfileid: 'voice', md5sum }])]);
    expect(sleeps).toEqual([100]);
    expect(await store.media.find('corp', 'voice-1', 0)).toMatchObject({ state: 'stored', contentType: 'audio/silk' });

    sleeps.length = 0;
    await fetcher.fetchAll([archived('expired-1', [{ sdkfileid: 'never-added', md5sum: '' }])]);
    expect(sleeps).toEqual([]);
    expect((await store.media.find('corp', 'expired-1', 0))?.error).toMatch(/10005 \(invalid fileid\)/);
  });

  it('records media of a corp without an archive SDK as having no source, without a problem per file', async () => {
    await fetcher.fetchAll([archived('http-1', [{ sdkfileid: 'a', md5sum: '' }, { sdkfileid: 'b', md5sum: '' }], 'http-only-corp')]);
    const media = await store.media.list('http-only-corp', ['http-1']);
    expect(media.map((m) => m.state)).toEqual(['no-source', 'no-source']);
    expect(media[0]!.error).toContain('no archive SDK is configured for this corp');
    expect(problems).toEqual([]);
    expect(stored).toEqual([]);
  });
});
