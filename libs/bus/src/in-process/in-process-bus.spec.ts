import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { deadLetterTopicOf, defineTopic } from '@chatvault/contracts';
import { createLogger } from '@chatvault/platform';
import { waitFor } from '@chatvault/testing';
import { z } from 'zod';
import { describeMessageBusConformance } from '../message-bus-conformance';
import type { Delivery } from '../message-bus';
import { InProcessBus } from './in-process-bus';
import { MemoryBusLog } from './memory-bus-log';
import { SqliteBusLog } from './sqlite-bus-log';

// What the platform's tracing does at boot: a tracer provider, AsyncLocalStorage context and the W3C propagator.
new NodeTracerProvider().register();

const logger = createLogger('silent');
const retryBackoff = { initialMs: 5, maxMs: 20 };
const timeoutMs = 10_000;

const memoryLog = new MemoryBusLog();
describeMessageBusConformance('InProcessBus on the memory log', async (namespace) => new InProcessBus({ log: memoryLog, namespace, logger, retryBackoff, partitions: 4 }), {
  namespace: 'memory',
  timeoutMs,
});

const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-bus-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const busFile = join(dataDir, 'bus.db');

describeMessageBusConformance('InProcessBus on the SQLite log', async (namespace) => new InProcessBus({ log: new SqliteBusLog(busFile), namespace, logger, retryBackoff }), {
  namespace: 'sqlite',
  timeoutMs,
});

describe('InProcessBus on the SQLite log across a restart', () => {
  const topic = defineTopic({
    name: 'restart.resume.v1',
    schemaVersion: 1,
    schema: z.object({ seq: z.number().int() }),
    keyOf: () => 'one-key',
  });

  it('resumes after the last committed message and loses nothing accepted', async () => {
    const first = new InProcessBus({ log: new SqliteBusLog(busFile), logger, retryBackoff });
    const handledFirst: number[] = [];
    let reachedHalf!: () => void;
    const half = new Promise<void>((resolve) => (reachedHalf = resolve));
    await first.subscribe(topic, { group: 'resume', maxAttempts: 1_000 }, async ({ value }) => {
      if (value.seq >= 5) {
        reachedHalf();
        throw new Error('the process is about to die');
      }
      handledFirst.push(value.seq);
    });
    await first.start();
    await first.publish(topic, Array.from({ length: 10 }, (_, seq) => ({ seq })));
    await half;
    await first.stop();

    const second = new InProcessBus({ log: new SqliteBusLog(busFile), logger, retryBackoff });
    const handledSecond: Delivery<{ seq: number }>[] = [];
    let all!: () => void;
    const done = new Promise<void>((resolve) => (all = resolve));
    await second.subscribe(topic, { group: 'resume' }, async (delivery) => {
      handledSecond.push(delivery);
      if (handledSecond.length === 5) all();
    });
    await second.start();
    await done;
    await second.stop();

    expect(handledFirst).toEqual([0, 1, 2, 3, 4]);
    expect(handledSecond.map((d) => d.value.seq)).toEqual([5, 6, 7, 8, 9]);
    expect(handledSecond.map((d) => d.offset)).toEqual(['5', '6', '7', '8', '9']);
  });
});


describe('InProcessBus with a backlog', () => {
  const topic = defineTopic({ name: 'backlog.v1', schemaVersion: 1, schema: z.object({ seq: z.number().int() }), keyOf: () => 'one-key' });

  it('lets the event loop turn between batches, so timers and I/O are not held up until the backlog is gone', async () => {
    const bus = new InProcessBus({ log: new SqliteBusLog(join(dataDir, 'backlog.db')), logger, retryBackoff });
    let handled = 0;
    let all!: () => void;
    const done = new Promise<void>((resolve) => (all = resolve));
    await bus.subscribeBatch(topic, { group: 'backlog', maxBatch: 100 }, async (deliveries) => {
      handled += deliveries.length;
      if (handled === 1_000) all();
    });
    await bus.publish(topic, Array.from({ length: 1_000 }, (_, seq) => ({ seq })));
    await bus.start();
    const handledWhenTimerFired = await new Promise<number>((resolve) => setTimeout(() => resolve(handled), 0));
    await done;
    await bus.stop();

    expect(handledWhenTimerFired).toBeLessThan(1_000);
  });
});

const DAY_MS = 24 * 60 * 60 * 1_000;

describe.each([
  {
    name: 'memory',
    // A restarted process gets the same log: the memory log outlives the bus that closed it.
    store: () => {
      const log = new MemoryBusLog();
      return () => log;
    },
  },
  {
    name: 'SQLite',
    store: () => {
      const file = join(dataDir, `trim-${randomUUID()}.db`);
      return () => new SqliteBusLog(file);
    },
  },
])('InProcessBus trimming its $name log', ({ store }) => {
  const topic = defineTopic({ name: 'trim.v1', schemaVersion: 1, schema: z.object({ seq: z.number().int() }), keyOf: () => 'one-key' });
  const open = () => store()();

  it('deletes what every subscribed group has consumed, keeps what one has not, and keeps the newest for replay', async () => {
    const log = open();
    log.ensureTopic(topic.name, 1);
    // A group an earlier process subscribed eight days ago, not subscribed since: it must not keep the log for ever.
    log.markGroupSeen('gone', topic.name, Date.now() - 8 * DAY_MS);
    log.commit('gone', topic.name, 0, 0);
    // A retention far shorter than the slow group's wait: subscribed, it stays recorded all the same.
    const bus = new InProcessBus({ log, logger, retryBackoff, partitions: 1, retainedMessages: 5, trimIntervalMs: 10, groupRetentionMs: 100 });
    const fast: number[] = [];
    const slow: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe(topic, { group: 'fast' }, async ({ value }) => void fast.push(value.seq));
    await bus.subscribe(topic, { group: 'slow' }, async ({ value }) => {
      if (value.seq === 10) await released;
      slow.push(value.seq);
    });
    await bus.start();
    await bus.publish(topic, Array.from({ length: 100 }, (_, seq) => ({ seq })));
    const oldestKept = () => log.read(topic.name, 0, 0, 1)[0]?.offset;

    await waitFor(() => fast.length === 100, { description: 'the fast group to consume every message' });
    await waitFor(() => oldestKept() === 10, { description: 'the log to be trimmed up to what the slow group is handling' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(oldestKept()).toBe(10);
    release();
    await waitFor(() => slow.length === 100, { description: 'the slow group to consume every message' });
    await waitFor(() => oldestKept() === 95, { description: 'the log to be trimmed to the retained newest messages' });
    await bus.stop();

    expect(slow).toEqual(Array.from({ length: 100 }, (_, seq) => seq));
  });

  it('keeps what a group of an earlier run has yet to consume, for when it subscribes after start()', async () => {
    const reopen = store();
    const options = { logger, retryBackoff, partitions: 1, retainedMessages: 5, trimIntervalMs: 10 };
    const earlier = new InProcessBus({ ...options, log: reopen() });
    const handledEarlier: number[] = [];
    await earlier.subscribe(topic, { group: 'late' }, async ({ value }) => void handledEarlier.push(value.seq));
    await earlier.start();
    await earlier.publish(topic, Array.from({ length: 10 }, (_, seq) => ({ seq })));
    await waitFor(() => handledEarlier.length === 10, { description: 'the first ten messages consumed' });
    await earlier.stop();

    const log = reopen();
    const bus = new InProcessBus({ ...options, log });
    await bus.start();
    await bus.publish(topic, Array.from({ length: 100 }, (_, i) => ({ seq: 10 + i })));
    // Without the late group, the log would keep only the newest five (105 on).
    await waitFor(() => (log.read(topic.name, 0, 0, 1)[0]?.offset ?? 0) >= 10, { description: 'the log trimmed up to what some group has yet to consume' });
    const handledLate: number[] = [];
    await bus.subscribe(topic, { group: 'late' }, async ({ value }) => void handledLate.push(value.seq));
    await waitFor(() => handledLate.at(-1) === 109, { description: 'the late group to reach the newest message' });
    await bus.stop();

    expect(handledLate).toEqual(Array.from({ length: 100 }, (_, i) => 10 + i));
  });

  it('keeps every dead letter, however many and however old', async () => {
    const log = open();
    const bus = new InProcessBus({ log, logger, retryBackoff, partitions: 1, retainedMessages: 5, trimIntervalMs: 10 });
    await bus.subscribe(topic, { group: 'failing', maxAttempts: 1 }, async () => {
      throw new Error('this handler refuses everything');
    });
    await bus.start();
    await bus.publish(topic, Array.from({ length: 20 }, (_, seq) => ({ seq })));
    const deadLetters = () => log.endOffset(deadLetterTopicOf(topic.name), 0);
    await waitFor(() => deadLetters() === 20, { description: 'every message dead-lettered' });
    await waitFor(() => log.read(topic.name, 0, 0, 1)[0]?.offset === 15, { description: 'the topic trimmed to its retained newest messages' });
    await bus.stop();

    expect(log.read(deadLetterTopicOf(topic.name), 0, 0, 100).map((m) => JSON.parse(m.value).seq)).toEqual(Array.from({ length: 20 }, (_, seq) => seq));
  });
});
