import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { chatMessageArchivedV1, type ChatMessageArchived } from '@chatvault/contracts';
import { createMessageBus, type MessageBus } from '@chatvault/bus';
import { createArchiveStore, type ArchiveStore } from '@chatvault/store';
import { createLogger, loadConfig } from '@chatvault/platform';
import { ChatVaultProcess, chatMessage, createTestDatabase, dropNamespace, waitFor, type RealStackEnv, type TestDatabase } from '@chatvault/testing';

// Each message costs a search-index update and a publish per classifier: 5,000 keep the run short on two cores.
const MESSAGES = 5_000;

/** Two classifiers share one consumer group; one is killed mid-stream and the other takes over its partitions. */
describe('classification scale-out on Kafka', () => {
  const ns = `scale-${randomUUID().slice(0, 8)}`;
  const corpId = `corp-${ns}`;
  let database: TestDatabase;
  let env: RealStackEnv;
  let bus: MessageBus;
  let store: ArchiveStore;
  const processes: ChatVaultProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
      ELASTICSEARCH_INDEX_PREFIX: ns,
      DATABASE_URL: database.url,
      BUS_NAMESPACE: ns,
      REDIS_KEY_PREFIX: `${ns}:`,
      LOG_LEVEL: 'warn',
    };
    const config = loadConfig({ ...env, LOG_LEVEL: 'warn' });
    const logger = createLogger('warn');
    store = await createArchiveStore(config, logger);
    await store.migrate();
    bus = createMessageBus(config, logger);
    for (const name of ['alerting', 'classification', 'classification']) {
      processes.push(await ChatVaultProcess.start(`${name}-${processes.length}`, { ...env, TARGET: name }));
    }
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await bus?.stop();
    await store?.close();
    await database?.drop();
    if (env) await dropNamespace(env, ns);
  });

  it('files every message’s hit exactly once under its alert when one classifier is killed', async () => {
    const events: ChatMessageArchived[] = Array.from({ length: MESSAGES }, (_, i) => archived(corpId, i));
    for (let i = 0; i < events.length; i += 500) await bus.publish(chatMessageArchivedV1, events.slice(i, i + 500));

    const [, first, second] = processes;
    // Hits of one employee, rule and conversation share an alert: what must add up is the hits filed.
    const filed = async () => (await store.alerts.list({ corpId, offset: 0, limit: MESSAGES })).items;
    const hitsFiled = async () => (await filed()).reduce((sum, alert) => sum + alert.hitCount, 0);
    await waitFor(async () => (await hitsFiled()) >= MESSAGES / 5, { timeoutMs: 120_000, description: 'a fifth of the hits filed' });
    // Both members of the group were working before one dies.
    expect(await hitsCounted(first!)).toBeGreaterThan(0);
    expect(await hitsCounted(second!)).toBeGreaterThan(0);
    first!.kill('SIGKILL');

    await waitFor(async () => (await hitsFiled()) === MESSAGES, {
      timeoutMs: 180_000,
      intervalMs: 1_000,
      description: `all ${MESSAGES} hits filed after the kill`,
    });
    const alerts = await filed();
    // 40 employees × 700 customers repeat every 1,400 messages: one alert per employee–customer pair.
    expect(alerts).toHaveLength(1_400);
    expect(new Set(alerts.flatMap((a) => a.msgids)).size).toBe(MESSAGES);
  });
});

async function hitsCounted(process: ChatVaultProcess): Promise<number> {
  const text = await (await fetch(`${process.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('chatvault_classification_hits_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

function archived(corpId: string, i: number): ChatMessageArchived {
  const employee = `sales${i % 40}`;
  const customer = `wmCustomer${i % 700}`;
  return {
    eventId: `archived:${corpId}:m${i}`,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    contentHash: 'a'.repeat(64),
    record: {},
    message: chatMessage({
      corpId,
      msgid: `m${i}`,
      from: employee,
      tolist: [customer],
      conversationId: `single:${customer}|${employee}`,
      // Within working hours (UTC+8), so each message raises exactly its off-book-deal alert.
      msgtime: Date.parse('2023-11-15T10:00:00+08:00') + i,
      text: `第${i}单我们走飞单吧`,
    }),
  };
}
