import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureProblemV1, chatMediaStoredV1, chatMessageArchivedV1, type CaptureProblem, type ChatMediaStored } from '@chatvault/contracts';
import { KafkaBus } from '@chatvault/bus';
import { S3ObjectStore } from '@chatvault/object-store';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type ArchiveStore } from '@chatvault/store';
import { chatMessage, createTestDatabase, dropNamespace, FakeFinanceSdk, freePort, waitFor, type TestDatabase } from '@chatvault/testing';
import { MediaFetcher } from './media-fetcher';

const logger = createLogger('silent');
const kafka = { KAFKA_BROKERS: '127.0.0.1:9092' };
const namespace = `t-${randomUUID().slice(0, 8)}`;
const BUCKET = 'chatvault-media';

/** The fetcher on the real stack: Kafka delivery, PostgreSQL records, an S3-compatible bucket. */
describe('MediaFetcher with KafkaBus, PostgreSQL and S3', () => {
  const s3Dir = mkdtempSync(join(tmpdir(), 'chatvault-s3rver-'));
  let database: TestDatabase;
  let store: ArchiveStore;
  let bus: KafkaBus;
  let s3: S3rver;
  let objects: S3ObjectStore;

  beforeAll(async () => {
    const port = await freePort();
    s3 = new S3rver({ port, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    await s3.run();
    objects = new S3ObjectStore({ bucket: BUCKET, prefix: '', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    database = await createTestDatabase('chatvault_t');
    store = await createArchiveStore(loadConfig({ DATABASE_URL: database.url }), logger);
    await store.migrate();
    bus = new KafkaBus({ brokers: [kafka.KAFKA_BROKERS], clientId: 'media-int', partitions: 3, namespace, logger });
  });
  afterAll(async () => {
    await bus.stop();
    await dropNamespace(kafka, namespace);
    await store.close();
    await database.drop();
    await objects.close();
    await s3.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it('stores forwarded copies once, announces each, and reports the corrupt one', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const sdk = new FakeFinanceSdk({ publicKeys: new Map([[1, publicKey]]), currentKeyVersion: 1, mediaChunkBytes: 64 * 1024 });
    const video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), randomBytes(200_000)]);
    const md5sum = sdk.addMedia('video-a', video);
    sdk.addMedia('video-b', video);
    sdk.addMedia('corrupt', randomBytes(100));

    const stored: ChatMediaStored[] = [];
    const problems: CaptureProblem[] = [];
    const fetcher = new MediaFetcher({ sourceFor: () => sdk }, store, objects, bus, logger, { attempts: 2, retryDelayMs: 1, downloadDir: join(s3Dir, 'downloads'), now: Date.now, sleep: async () => undefined });
    await bus.subscribe(chatMessageArchivedV1, { group: 'ingest-media' }, ({ value }) => fetcher.fetchAll([value]));
    await bus.subscribe(chatMediaStoredV1, { group: 'watch' }, async ({ value }) => void stored.push(value));
    await bus.subscribe(captureProblemV1, { group: 'watch' }, async ({ value }) => void problems.push(value));
    await bus.start();

    const archived = (msgid: string, sdkfileid: string, conversationId: string, md5 = md5sum) => ({
      eventId: `archived:wwmedia:${msgid}`,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1 as const,
      message: chatMessage({ corpId: 'wwmedia', msgid, msgtype: 'video', conversationId, media: [{ sdkfileid, md5sum: md5 }] }),
      record: {},
      contentHash: '0'.repeat(64),
    });
    await bus.publish(chatMessageArchivedV1, [archived('v-1', 'video-a', 'single:a|zhangsan'), archived('v-2', 'video-b', 'single:b|lisi'), archived('bad', 'corrupt', 'single:c|wangwu', 'e'.repeat(32))]);

    await waitFor(() => stored.length >= 2 && problems.length >= 1, { timeoutMs: 60_000, description: 'two stored videos and one media problem' });
    expect(stored.map((e) => [e.msgid, e.contentType, e.size]).sort()).toEqual([
      ['v-1', 'video/mp4', video.length],
      ['v-2', 'video/mp4', video.length],
    ]);
    expect(new Set(stored.map((e) => e.sha256)).size).toBe(1);
    expect((await objects.get(stored[0]!.sha256))?.equals(video)).toBe(true);
    expect(problems.map((p) => [p.kind, p.msgid])).toEqual([['media-failed', 'bad']]);
    expect(await store.media.find('wwmedia', 'bad', 0)).toMatchObject({ state: 'failed' });
  });
});
