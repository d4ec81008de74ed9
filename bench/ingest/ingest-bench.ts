import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatMessageArchivedV1, wecomArchiveMessageSchema, wecomMessageReceivedV1, type WecomMessageReceived } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { SEARCH_INDEX, type SearchIndex } from '@chatvault/search';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createTestDatabase, dropNamespace, realStackEnv, type TestDatabase } from '@chatvault/testing';
import { startChatVault } from '../../services/chatvault/src/chatvault';
import { simulate, type WecomRecord } from '@chatvault/simulator';

export interface IngestBenchOptions {
  messages?: number;
  /** 0 measures the embedded default only (e.g. for the memory check over 1M messages). */
  real?: number;
  /** 1 runs every service in the process (`TARGET=all`, as `npm start` does) instead of ingest alone. */
  all?: number;
}

interface Row {
  stack: string;
  messages: number;
  seconds: number;
  'msg/s archived+published': number;
  'msg/s indexed': number;
  'peak RSS MB': number;
}

const PUBLISH_CHUNK = 1_000;
/** Several hundred conversations (each one partition key) of a realistic mix of message types. */
const SIMULATED_TRAFFIC = { employees: 100, days: 2, seed: 7 } as const;

/**
 * `npm run bench -- ingest [--messages N] [--real 0] [--all 1]`: the ingest service in this process
 * (TARGET=ingest; every service with --all 1, as `npm start` runs them), fed received records on its
 * bus as the API and the puller feed it, timed until every record is archived and announced on
 * chat.message.archived.v1, and until the search index holds them all; once on the embedded default
 * and once on the real stack (Kafka, PostgreSQL, Elasticsearch on this machine).
 */
export async function runIngestBench(options: IngestBenchOptions = {}): Promise<void> {
  const count = options.messages ?? 100_000;
  const pool = simulate(SIMULATED_TRAFFIC).records;
  console.log(`${count} messages cycling through ${pool.length} simulated records of every msgtype; ${cpus().length} cores\n`);
  const target = options.all === 1 ? 'all' : 'ingest';
  const rows = [await measure(`embedded, TARGET=${target}`, target, count, pool, embedded())];
  if (options.real !== 0) rows.push(await measure(`real stack, TARGET=${target}`, target, count, pool, realStack()));
  console.table(rows);
}

interface Stack {
  env: Record<string, string>;
  teardown(): Promise<void>;
}

async function embedded(): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-bench-'));
  return { env: { DATA_DIR: dataDir }, teardown: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function realStack(): Promise<Stack> {
  const database: TestDatabase = await createTestDatabase('chatvault_bench');
  const ns = `bench-${randomUUID().slice(0, 8)}`;
  const env = realStackEnv(database, ns, `cv_bench_${randomUUID()}`);
  return {
    env,
    teardown: async () => {
      await database.drop();
      await dropNamespace(env, ns);
    },
  };
}

async function measure(label: string, target: string, count: number, pool: readonly WecomRecord[], starting: Promise<Stack>): Promise<Row> {
  const stack = await starting;
  const config = loadConfig({ ...stack.env, TARGET: target, PORT: '0', LOG_LEVEL: 'warn' });
  const chatvault = await startChatVault(config, createLogger('warn'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    const bus = chatvault.app.get<MessageBus>(MESSAGE_BUS);
    let archived = 0;
    const allArchived = new Promise<void>((resolve) => {
      void bus.subscribeBatch(chatMessageArchivedV1, { group: `bench-count-${randomUUID()}` }, async (deliveries) => {
        archived += deliveries.length;
        if (archived >= count) resolve();
      });
    });
    const corpId = `bench-${randomUUID().slice(0, 8)}`;
    const started = performance.now();
    for (let from = 0; from < count; from += PUBLISH_CHUNK) {
      const chunk = Array.from({ length: Math.min(PUBLISH_CHUNK, count - from) }, (_, i) => received(corpId, from + i, pool));
      await bus.publish(wecomMessageReceivedV1, chunk);
    }
    await allArchived;
    const archivedSeconds = (performance.now() - started) / 1_000;
    // Indexing follows the announcements in a consumer group of its own.
    const search = chatvault.app.get<SearchIndex>(SEARCH_INDEX);
    for (;;) {
      await search.refresh();
      if ((await search.searchMessages({ corpId, limit: 0 })).total >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const indexedSeconds = (performance.now() - started) / 1_000;
    return {
      stack: label,
      messages: count,
      seconds: round(indexedSeconds),
      'msg/s archived+published': Math.round(count / archivedSeconds),
      'msg/s indexed': Math.round(count / indexedSeconds),
      'peak RSS MB': Math.round(peakRss / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
    await chatvault.close();
    await stack.teardown();
  }
}

/** The n-th message: a simulated record, under a msgid of its own once the pool comes round again. */
function received(corpId: string, n: number, pool: readonly WecomRecord[]): WecomMessageReceived {
  const original = pool[n % pool.length]!;
  const record = { ...original, msgid: `${original.msgid}-${Math.floor(n / pool.length)}` };
  const rawJson = JSON.stringify(record);
  return { eventId: `received:${corpId}:${record.msgid}`, occurredAt: new Date().toISOString(), schemaVersion: 1, corpId, source: 'import', rawJson, message: wecomArchiveMessageSchema.parse(record) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
