import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { chatMessageArchivedV1, wecomArchiveMessageSchema, wecomMessageReceivedV1, type WecomMessageReceived } from '@chatvault/contracts';
import { BusNamespace, createMessageBus, MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { createSearchIndex, SEARCH_INDEX, type SearchIndex } from '@chatvault/search';
import { createLogger, loadConfig, metricsRegistry } from '@chatvault/platform';
import {
  ChatVaultProcess,
  cpuSecondsOf,
  metricSamples,
  ownCpuSeconds,
  createTestDatabase,
  dropNamespace,
  peakRssBytesOf,
  realStackEnv,
  SERVER_NAMES,
  serverCpuSeconds,
  type TestDatabase,
} from '@chatvault/testing';
import { startChatVault } from '../../services/chatvault/src/chatvault';
import { simulate, type WecomRecord } from '@chatvault/simulator';

export interface IngestBenchOptions {
  messages?: number;
  /** 0 leaves the embedded default out. */
  embedded?: number;
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
  'msg/s consumed by every group': number;
  'peak RSS MB': number;
}

/** Besides the services' process, what takes part on the real stack: the bench's own process and each server. */
const OTHER_PROCESSES = ['bench (publishing)', ...SERVER_NAMES] as const;
type OtherProcess = (typeof OTHER_PROCESSES)[number];

/**
 * Where the machine's CPU went, per message, until every group had consumed every message. Embedded,
 * the bench's share is in the services' process, and no server takes part.
 */
type CpuRow = { stack: string; services: number } & Record<OtherProcess, number | '-'> & { all: number; 'machine busy %': number };

/** CPU seconds spent so far by the services' process and, when they run apart from the bench, by the other processes. */
interface CpuSpent {
  services: number;
  others?: Record<OtherProcess, number>;
}

const PUBLISH_CHUNK = 1_000;
const PUBLISHED = 'chatvault_bus_published_total';
const CONSUMER_LAG = 'chatvault_bus_consumer_lag';
/** Several hundred conversations (each one partition key) of a realistic mix of message types. */
const SIMULATED_TRAFFIC = { employees: 100, days: 2, seed: 7 } as const;

/**
 * `npm run bench -- ingest [--messages N] [--embedded 0] [--real 0] [--all 1]`: the ingest service (TARGET=ingest;
 * every service with --all 1, as `npm start` runs them), fed received records on its bus as the API
 * and the puller feed it, timed until every record is archived and announced on
 * chat.message.archived.v1, until the search index holds them all, and until every consumer group of
 * the services has consumed them all (what a group leaves for later is work all the same); once on the
 * embedded default, in this process, and once on the real stack (Kafka, PostgreSQL, Elasticsearch on
 * this machine), in a process of its own.
 */
export async function runIngestBench(options: IngestBenchOptions = {}): Promise<void> {
  const count = options.messages ?? 100_000;
  const pool = simulate(SIMULATED_TRAFFIC).records;
  console.log(`${count} messages cycling through ${pool.length} simulated records of every msgtype; ${cpus().length} cores\n`);
  const target = options.all === 1 ? 'all' : 'ingest';
  const measured: Measured[] = [];
  if (options.embedded !== 0) measured.push(await measure(`embedded, TARGET=${target}`, count, pool, embedded(target)));
  if (options.real !== 0) measured.push(await measure(`real stack, TARGET=${target}`, count, pool, realStack(target)));
  console.table(measured.map((m) => m.row));
  console.log('\nCPU time per message (µs) by process, until every group had consumed every message:');
  console.table(measured.map((m) => m.cpu));
}

/** Where the services under test run, and the bus and index the bench feeds and watches them through. */
interface ServicesUnderTest {
  bus: MessageBus;
  search: SearchIndex;
  /** How many messages chat.message.archived.v1 holds so far. */
  announced(): Promise<number>;
  /** Messages the services' consumer groups have yet to consume: the lag each group's partitions report after every batch, summed. */
  unconsumed(): Promise<number>;
  /** The most memory the process the services run in has held so far. */
  peakRssBytes(): number;
  cpuSpent(): CpuSpent;
  stop(): Promise<void>;
}

/** In this process, as the embedded default must be: its bus lives in the process that publishes. */
async function embedded(target: string): Promise<ServicesUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, TARGET: target, PORT: '0', LOG_LEVEL: 'warn' });
  const chatvault = await startChatVault(config, createLogger('warn'));
  const bus = chatvault.app.get<MessageBus>(MESSAGE_BUS);
  // Counted as they are appended to the log, as Kafka's end offsets count them on the real stack: a
  // consumer group of the bench's own would decode every one in the process measured.
  const publishedArchived = async () => metricSamples(await metricsRegistry.getSingleMetricAsString(PUBLISHED)).get(`${PUBLISHED}{topic="${chatMessageArchivedV1.name}"}`) ?? 0;
  const publishedBefore = await publishedArchived();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  return {
    bus,
    search: chatvault.app.get<SearchIndex>(SEARCH_INDEX),
    announced: async () => (await publishedArchived()) - publishedBefore,
    unconsumed: async () => consumerLagIn(await metricsRegistry.getSingleMetricAsString(CONSUMER_LAG)),
    peakRssBytes: () => peak,
    cpuSpent: () => ({ services: ownCpuSeconds() }),
    stop: async () => {
      clearInterval(sampler);
      await chatvault.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * In a process of their own started as `npm start` starts them, as a deployment runs them: the
 * bench's publishing and counting happen in this process, over a Kafka client and an
 * Elasticsearch client of its own, as the API's do.
 */
async function realStack(target: string): Promise<ServicesUnderTest> {
  const database: TestDatabase = await createTestDatabase('chatvault_bench');
  const ns = `bench-${randomUUID().slice(0, 8)}`;
  const env = realStackEnv(database, ns, `cv_bench_${randomUUID()}`);
  const dropStack = async () => {
    await database.drop();
    await dropNamespace(env, ns);
  };
  const services = await ChatVaultProcess.start(target, { ...env, TARGET: target }).catch(async (error: unknown) => {
    await dropStack();
    throw error;
  });
  const stopServices = async () => {
    await services.stop();
    await dropStack();
  };
  try {
    const config = loadConfig(env);
    const logger = createLogger('warn');
    const bus = createMessageBus(config, logger);
    await bus.start();
    const search = createSearchIndex(config, logger);
    await search.ensureReady();
    // Counted from the topic's end offsets: a consumer decoding and validating every announcement would
    // take this box's CPU from the services (40 µs a message, measured), and no announcement is counted
    // before Kafka holds it.
    const admin = new Kafka({ clientId: 'ingest-bench', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const archivedTopic = new BusNamespace(ns).qualify(chatMessageArchivedV1.name);
    return {
      bus,
      search,
      announced: async () => (await admin.fetchTopicOffsets(archivedTopic)).reduce((sum, { high }) => sum + Number(high), 0),
      unconsumed: async () => consumerLagIn(await (await fetch(`${services.url}/metrics`)).text()),
      peakRssBytes: () => peakRssBytesOf(services.pid),
      cpuSpent: () => ({ services: cpuSecondsOf(services.pid), others: { 'bench (publishing)': ownCpuSeconds(), ...serverCpuSeconds() } }),
      stop: async () => {
        await admin.disconnect();
        await bus.stop();
        await search.close();
        await stopServices();
      },
    };
  } catch (error) {
    await stopServices();
    throw error;
  }
}

interface Measured {
  row: Row;
  cpu: CpuRow;
}

async function measure(label: string, count: number, pool: readonly WecomRecord[], starting: Promise<ServicesUnderTest>): Promise<Measured> {
  const services = await starting;
  try {
    const { bus, search } = services;
    const corpId = `bench-${randomUUID().slice(0, 8)}`;
    const cpuBefore = services.cpuSpent();
    const started = performance.now();
    for (let from = 0; from < count; from += PUBLISH_CHUNK) {
      const chunk = Array.from({ length: Math.min(PUBLISH_CHUNK, count - from) }, (_, i) => received(corpId, from + i, pool));
      await bus.publish(wecomMessageReceivedV1, chunk);
    }
    while ((await services.announced()) < count) await pause();
    const archivedSeconds = (performance.now() - started) / 1_000;
    // Indexing follows the announcements in a consumer group of its own.
    for (;;) {
      await search.refresh();
      if ((await search.searchMessages({ corpId, limit: 0 })).total >= count) break;
      await pause();
    }
    const indexedSeconds = (performance.now() - started) / 1_000;
    while ((await services.unconsumed()) > 0) await pause();
    const consumedSeconds = (performance.now() - started) / 1_000;
    const cpu = cpuPerMessage(label, cpuBefore, services.cpuSpent(), count, consumedSeconds);
    return {
      row: {
        stack: label,
        messages: count,
        seconds: round(consumedSeconds),
        'msg/s archived+published': Math.round(count / archivedSeconds),
        'msg/s indexed': Math.round(count / indexedSeconds),
        'msg/s consumed by every group': Math.round(count / consumedSeconds),
        'peak RSS MB': Math.round(services.peakRssBytes() / 2 ** 20),
      },
      cpu,
    };
  } finally {
    await services.stop();
  }
}

function cpuPerMessage(stack: string, before: CpuSpent, after: CpuSpent, count: number, seconds: number): CpuRow {
  const perMessage = (spent: number) => Math.round((spent / count) * 1e6);
  const services = after.services - before.services;
  const others = OTHER_PROCESSES.map((name) => [name, before.others && after.others ? after.others[name] - before.others[name] : undefined] as const);
  const all = others.reduce((sum, [, spent]) => sum + (spent ?? 0), services);
  return {
    stack,
    services: perMessage(services),
    ...(Object.fromEntries(others.map(([name, spent]) => [name, spent === undefined ? '-' : perMessage(spent)])) as Record<OtherProcess, number | '-'>),
    all: perMessage(all),
    'machine busy %': Math.round((all / (seconds * cpus().length)) * 100),
  };
}

/** The n-th message: a simulated record, under a msgid of its own once the pool comes round again. */
function received(corpId: string, n: number, pool: readonly WecomRecord[]): WecomMessageReceived {
  const original = pool[n % pool.length]!;
  const record = { ...original, msgid: `${original.msgid}-${Math.floor(n / pool.length)}` };
  const rawJson = JSON.stringify(record);
  return { eventId: `received:${corpId}:${record.msgid}`, occurredAt: new Date().toISOString(), schemaVersion: 1, corpId, source: 'import', rawJson, message: wecomArchiveMessageSchema.parse(record) };
}

/** The consumer lag of every group's partitions in a Prometheus exposition, summed. */
function consumerLagIn(exposition: string): number {
  let lag = 0;
  for (const [series, value] of metricSamples(exposition)) if (series.startsWith(`${CONSUMER_LAG}{`)) lag += value;
  return lag;
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
