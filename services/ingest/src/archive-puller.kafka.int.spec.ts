import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wecomMessageReceivedV1, type WecomMessageReceived } from '@chatvault/contracts';
import { KafkaBus } from '@chatvault/bus';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type ArchiveStore } from '@chatvault/store';
import { createTestDatabase, dropNamespace, FakeFinanceSdk, waitFor, type TestDatabase } from '@chatvault/testing';
import { ArchiveDecryptor } from '@chatvault/wecom';
import { ArchivePuller } from './archive-puller';

const logger = createLogger('silent');
const kafka = { KAFKA_BROKERS: '127.0.0.1:9092' };
const namespace = `t-${randomUUID().slice(0, 8)}`;

/** The puller on the real stack: PostgreSQL envelopes, Kafka delivery in seq order per conversation. */
describe('ArchivePuller with KafkaBus and PostgreSQL', () => {
  let database: TestDatabase;
  let store: ArchiveStore;
  let bus: KafkaBus;

  beforeAll(async () => {
    database = await createTestDatabase('chatvault_t');
    store = await createArchiveStore(loadConfig({ DATABASE_URL: database.url }), logger);
    await store.migrate();
    bus = new KafkaBus({ brokers: [kafka.KAFKA_BROKERS], clientId: 'puller-int', partitions: 3, namespace, logger });
  });
  afterAll(async () => {
    await bus.stop();
    await dropNamespace(kafka, namespace);
    await store.close();
    await database.drop();
  });

  it('delivers every pulled record once, each conversation in seq order', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const sdk = new FakeFinanceSdk({ publicKeys: new Map([[1, publicKey]]), currentKeyVersion: 1 });
    const total = 1200;
    for (let i = 1; i <= total; i++) {
      sdk.append({ msgid: `k-${i}`, action: 'send', from: 'zhangsan', tolist: [`wmCustomer${i % 5}`], roomid: '', msgtime: 1_767_225_600_000 + i, msgtype: 'text', text: { content: `第${i}条` } });
    }
    const delivered: WecomMessageReceived[] = [];
    await bus.subscribe(wecomMessageReceivedV1, { group: 'puller-int' }, async ({ value }) => {
      delivered.push(value);
    });
    await bus.start();

    const corpId = 'wwkafka';
    const puller = new ArchivePuller([{ corpId, sdk, decryptor: new ArchiveDecryptor(new Map([[1, privateKey]]), sdk) }], store, bus, logger, {
      batchSize: 500,
      sdkAttempts: 3,
      sdkRetryDelayMs: 10,
      decryptRetryDelayMs: 60_000,
      decryptRetryMaxMs: 3_600_000,
      now: Date.now,
      sleep: async () => undefined,
    });
    await puller.pullNow(corpId);

    await waitFor(() => delivered.length >= total, { timeoutMs: 60_000, description: `${total} records delivered` });
    expect(new Set(delivered.map((e) => e.message.msgid)).size).toBe(total);
    expect(delivered).toHaveLength(total);
    const byConversation = new Map<string, number[]>();
    for (const event of delivered) byConversation.set(wecomMessageReceivedV1.keyOf(event), [...(byConversation.get(wecomMessageReceivedV1.keyOf(event)) ?? []), event.seq!]);
    expect(byConversation.size).toBe(5);
    for (const seqs of byConversation.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(await store.envelopes.cursor(corpId)).toBe(total);
  }, 120_000);
});
