import { DEAD_LETTER_HEADERS, defineTopic, type TopicSpec } from '@chatvault/contracts';
import { isSpanContextValid, trace, type SpanContext } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Delivery, Handler, MessageBus } from './message-bus';
import { deadLetterTopic } from './dead-letter';

export interface ConformanceOptions {
  /**
   * Prefix of the namespaces the suite uses (it adds `-other` for a second installation): unique per
   * test file, so runs sharing a broker or a log never see each other's topics and groups.
   */
  readonly namespace: string;
  /** Per test; waits for deliveries end shortly before it with a message saying what was missing. */
  readonly timeoutMs: number;
}

/**
 * Makes a bus of the installation `namespace`. Every bus it returns works on the same broker or log,
 * so a second one with the same namespace plays the same installation after a restart. The bus must
 * retry quickly (tens of milliseconds) for the suite to stay fast.
 */
export type BusFactory = (namespace: string) => Promise<MessageBus>;

const strictValue = z.object({ id: z.string(), key: z.string(), seq: z.number().int().nonnegative() });
type TestValue = z.infer<typeof strictValue>;

function testTopic(label: string, schema: z.ZodType<TestValue> = strictValue): TopicSpec<TestValue> {
  return defineTopic({ name: `conformance.${label}.v1`, schemaVersion: 1, schema, keyOf: (v) => v.key });
}

function values(key: string, count: number, from = 0): TestValue[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${key}#${from + i}`, key, seq: from + i }));
}

/** Records what a handler received and lets a test wait for a condition on it, without polling. */
class Inbox<T> {
  readonly deliveries: Delivery<T>[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deadlineMs: number) {}

  readonly handler: Handler<T> = async (delivery) => this.record(delivery);

  record(delivery: Delivery<T>): void {
    this.deliveries.push(delivery);
    for (const listener of [...this.listeners]) listener();
  }

  values(): T[] {
    return this.deliveries.map((d) => d.value);
  }

  until(done: (deliveries: readonly Delivery<T>[]) => boolean, what: string): Promise<void> {
    if (done(this.deliveries)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!done(this.deliveries)) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no ${what} within ${this.deadlineMs} ms; received ${this.deliveries.length}: ${JSON.stringify(this.values()).slice(0, 500)}`));
      }, this.deadlineMs);
      this.listeners.add(check);
    });
  }

  untilCount(count: number, what: string): Promise<void> {
    return this.until((d) => d.length >= count, `${count} ${what}`);
  }
}

/** The semantics of the `MessageBus` port (see its doc comment), checked against one adapter. */
export function describeMessageBusConformance(name: string, makeBus: BusFactory, options: ConformanceOptions): void {
  const { namespace, timeoutMs } = options;
  const deadlineMs = Math.max(timeoutMs - 2_000, timeoutMs * 0.8);

  describe(`MessageBus conformance: ${name}`, () => {
    let running: MessageBus[] = [];

    async function openBus(ns = namespace): Promise<MessageBus> {
      const bus = await makeBus(ns);
      running.push(bus);
      return bus;
    }

    async function stopBus(bus: MessageBus): Promise<void> {
      running = running.filter((b) => b !== bus);
      await bus.stop();
    }

    const inbox = <T = TestValue>(): Inbox<T> => new Inbox<T>(deadlineMs);

    afterEach(async () => {
      await Promise.all(running.map((bus) => bus.stop()));
      running = [];
    });

    it(
      'delivers a published message with its topic, key, value and headers',
      async () => {
        const topic = testTopic('round-trip');
        const bus = await openBus();
        const received = inbox();
        await bus.subscribe(topic, { group: 'round-trip' }, received.handler);
        await bus.start();

        const [value] = values('conversation-1', 1);
        await bus.publish(topic, [value!], { headers: { 'x-request-id': 'request-1' } });

        await received.untilCount(1, 'delivery');
        const [delivery] = received.deliveries;
        expect(delivery).toMatchObject({ topic: topic.name, key: 'conversation-1', value, attempt: 1 });
        expect(delivery!.headers['x-request-id']).toBe('request-1');
        expect(Number.isInteger(delivery!.partition) && delivery!.partition >= 0).toBe(true);
        expect(delivery!.offset).toMatch(/^\d+$/);
      },
      timeoutMs,
    );

    it(
      'gives a group that reads two topics every message of each, to the handler of its topic',
      async () => {
        const first = testTopic('one-group-first');
        const second = testTopic('one-group-second');
        const bus = await openBus();
        const firsts = inbox();
        const seconds = inbox();
        await bus.subscribe(first, { group: 'shared' }, firsts.handler);
        await bus.subscribe(second, { group: 'shared' }, seconds.handler);
        await bus.start();

        const keys = Array.from({ length: 24 }, (_, i) => `conversation-${i}`);
        await bus.publish(first, keys.flatMap((key) => values(key, 1)));
        await bus.publish(second, keys.flatMap((key) => values(key, 1, 100)));

        await firsts.untilCount(keys.length, 'every message of the first topic');
        await seconds.untilCount(keys.length, 'every message of the second topic');
        expect(firsts.deliveries.every((d) => d.topic === first.name && d.value.seq === 0)).toBe(true);
        expect(seconds.deliveries.every((d) => d.topic === second.name && d.value.seq === 100)).toBe(true);
      },
      timeoutMs,
    );

    it(
      'starts a new group at the end of the topic when it asks for the latest, and at the beginning otherwise',
      async () => {
        const topic = testTopic('start-at');
        const bus = await openBus();
        const early = inbox();
        await bus.subscribe(topic, { group: 'start-at-early' }, early.handler);
        await bus.start();
        await bus.publish(topic, values('conversation-1', 3));
        await early.untilCount(3, 'the messages published before the late groups joined');

        const latest = inbox();
        const earliest = inbox();
        await bus.subscribe(topic, { group: 'start-at-latest', startAt: 'latest' }, latest.handler);
        await bus.subscribe(topic, { group: 'start-at-earliest' }, earliest.handler);
        await bus.publish(topic, values('conversation-1', 2, 10));

        await earliest.untilCount(5, 'every message for the group that starts at the beginning');
        await latest.untilCount(2, 'the messages published after the latest group joined');
        expect(latest.values().map((v) => v.seq)).toEqual([10, 11]);
      },
      timeoutMs,
    );

    it(
      'keeps the order of the messages of each key',
      async () => {
        const topic = testTopic('keyed-order');
        const bus = await openBus();
        const received = inbox();
        await bus.subscribe(topic, { group: 'keyed-order' }, received.handler);
        await bus.start();

        const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
        const perKey = 25;
        // Several publish calls, each interleaving every key, so order must hold across batches too.
        for (let round = 0; round < 5; round++) {
          await bus.publish(
            topic,
            keys.flatMap((key) => values(key, perKey / 5, round * (perKey / 5))),
          );
        }

        await received.untilCount(keys.length * perKey, 'deliveries');
        const seen = new Map<string, number[]>();
        for (const { key, seq } of received.values()) seen.set(key, [...(seen.get(key) ?? []), seq]);
        for (const key of keys) expect(seen.get(key), key).toEqual(Array.from({ length: perKey }, (_, i) => i));
      },
      timeoutMs,
    );

    it(
      'delivers every message to every group',
      async () => {
        const topic = testTopic('two-groups');
        const bus = await openBus();
        const audit = inbox();
        const search = inbox();
        await bus.subscribe(topic, { group: 'audit' }, audit.handler);
        await bus.subscribe(topic, { group: 'search' }, search.handler);
        await bus.start();

        const published = Array.from({ length: 10 }, (_, i) => values(`conversation-${i}`, 3)).flat();
        await bus.publish(topic, published);

        await Promise.all([audit.untilCount(published.length, 'audit deliveries'), search.untilCount(published.length, 'search deliveries')]);
        const ids = (box: Inbox<TestValue>) => box.values().map((v) => v.id).sort();
        const expected = published.map((v) => v.id).sort();
        expect(ids(audit)).toEqual(expected);
        expect(ids(search)).toEqual(expected);
      },
      timeoutMs,
    );

    it(
      'splits a group between its subscriptions with no message lost or duplicated',
      async () => {
        const topic = testTopic('shared-group');
        const bus = await openBus();
        const received = inbox();
        const ids = { first: [] as string[], second: [] as string[] };
        for (const member of ['first', 'second'] as const) {
          await bus.subscribe(topic, { group: 'classification' }, async (delivery) => {
            ids[member].push(delivery.value.id);
            received.record(delivery);
          });
        }
        await bus.start();

        const published = Array.from({ length: 60 }, (_, i) => values(`conversation-${i}`, 2)).flat();
        await bus.publish(topic, published);

        await received.untilCount(published.length, 'deliveries');
        expect([...ids.first, ...ids.second].sort()).toEqual(published.map((v) => v.id).sort());
        expect(ids.first.length).toBeGreaterThan(0);
        expect(ids.second.length).toBeGreaterThan(0);
        // A key is one partition, so it is never split between the two.
        const keysOf = (member: string[]) => new Set(member.map((id) => id.split('#')[0]));
        const secondKeys = keysOf(ids.second);
        expect([...keysOf(ids.first)].filter((key) => secondKeys.has(key))).toEqual([]);
      },
      timeoutMs,
    );

    it(
      'redelivers after a failed handler and does not dead-letter a message that then succeeds',
      async () => {
        const topic = testTopic('flaky');
        const bus = await openBus();
        const attempts: number[] = [];
        const handled = inbox();
        const deadLetters = inbox<unknown>();
        await bus.subscribe(topic, { group: 'flaky', maxAttempts: 3 }, async (delivery) => {
          if (delivery.value.id === 'conversation-1#0') {
            attempts.push(delivery.attempt);
            if (delivery.attempt < 3) throw new Error(`flaky failure ${delivery.attempt}`);
          } else {
            // The sentinel: always fails, so it is dead-lettered behind the flaky message if that one was.
            throw new Error('sentinel always fails');
          }
          handled.record(delivery);
        });
        await bus.subscribe(deadLetterTopic(topic), { group: 'flaky-dlt-watch' }, deadLetters.handler);
        await bus.start();

        await bus.publish(topic, values('conversation-1', 2));

        await deadLetters.untilCount(1, 'dead letter of the sentinel');
        expect(attempts).toEqual([1, 2, 3]);
        expect(handled.deliveries.map((d) => [d.value.id, d.attempt])).toEqual([['conversation-1#0', 3]]);
        // Same key, same partition: had the flaky message been dead-lettered, it would come first.
        expect(deadLetters.values()).toEqual([{ id: 'conversation-1#1', key: 'conversation-1', seq: 1 }]);
      },
      timeoutMs,
    );

    it(
      'dead-letters a message whose handler keeps failing, moves on, and can replay it',
      async () => {
        const topic = testTopic('poison');
        const bus = await openBus();
        const poisoned = new Set(['conversation-1#0']);
        const failures: Delivery<TestValue>[] = [];
        const handled = inbox();
        const deadLetters = inbox<unknown>();
        await bus.subscribe(topic, { group: 'poison' }, async (delivery) => {
          if (poisoned.has(delivery.value.id)) {
            failures.push(delivery);
            throw new Error(`cannot archive ${delivery.value.id}`);
          }
          handled.record(delivery);
        });
        await bus.subscribe(deadLetterTopic(topic), { group: 'poison-dlt-watch' }, deadLetters.handler);
        await bus.start();

        await bus.publish(topic, values('conversation-1', 3));

        await handled.untilCount(2, 'deliveries of the messages after the poison');
        expect(handled.values().map((v) => v.seq)).toEqual([1, 2]);
        await deadLetters.untilCount(1, 'dead letter');
        expect(failures.map((d) => d.attempt)).toEqual([1, 2, 3]);
        const [deadLetter] = deadLetters.deliveries;
        expect(deadLetter!.value).toEqual(values('conversation-1', 1)[0]);
        expect(deadLetter!.key).toBe('conversation-1');
        expect(deadLetter!.headers).toMatchObject({
          [DEAD_LETTER_HEADERS.error]: 'cannot archive conversation-1#0',
          [DEAD_LETTER_HEADERS.sourceTopic]: topic.name,
          [DEAD_LETTER_HEADERS.sourcePartition]: String(failures[0]!.partition),
          [DEAD_LETTER_HEADERS.sourceOffset]: failures[0]!.offset,
          [DEAD_LETTER_HEADERS.consumerGroup]: 'poison',
          [DEAD_LETTER_HEADERS.attempts]: '3',
        });
        expect(Number.isNaN(Date.parse(deadLetter!.headers[DEAD_LETTER_HEADERS.failedAt]!))).toBe(false);

        // Replay once the cause is fixed: through the source topic, whose schema checks it again.
        poisoned.clear();
        await bus.publish(topic, [strictValue.parse(deadLetter!.value)]);
        await handled.untilCount(3, 'delivery of the replayed message');
        expect(handled.values().map((v) => v.seq)).toEqual([1, 2, 0]);
      },
      timeoutMs,
    );

    it(
      'dead-letters a value that fails the schema at the consumer at once, with the reason',
      async () => {
        // The producer side is looser than the consumer side: how an older or buggy producer gets an invalid value onto a topic.
        const looseTopic = testTopic('invalid', z.object({ id: z.string(), key: z.string(), seq: z.number() }));
        const topic = testTopic('invalid');
        const bus = await openBus();
        const handled = inbox();
        const deadLetters = inbox<unknown>();
        await bus.subscribe(topic, { group: 'invalid' }, handled.handler);
        await bus.subscribe(deadLetterTopic(topic), { group: 'invalid-dlt-watch' }, deadLetters.handler);
        await bus.start();

        await bus.publish(looseTopic, [{ id: 'bad', key: 'conversation-1', seq: -1 }, ...values('conversation-1', 1)]);

        await handled.untilCount(1, 'delivery of the valid message');
        await deadLetters.untilCount(1, 'dead letter of the invalid value');
        expect(handled.values().map((v) => v.id)).toEqual(['conversation-1#0']);
        expect(handled.deliveries[0]!.attempt).toBe(1);
        expect(deadLetters.values()).toEqual([{ id: 'bad', key: 'conversation-1', seq: -1 }]);
        const headers = deadLetters.deliveries[0]!.headers;
        expect(headers[DEAD_LETTER_HEADERS.error]).toContain(`schema of ${topic.name}`);
        expect(headers[DEAD_LETTER_HEADERS.error]).toMatch(/seq: /);
        expect(headers[DEAD_LETTER_HEADERS.attempts]).toBe('0');
        expect(headers[DEAD_LETTER_HEADERS.consumerGroup]).toBe('invalid');
      },
      timeoutMs,
    );

    it(
      'refuses to publish a batch with a value that fails the schema, naming the topic and the problem',
      async () => {
        const topic = testTopic('refused');
        const bus = await openBus();
        const received = inbox();
        await bus.subscribe(topic, { group: 'refused' }, received.handler);
        await bus.start();

        const invalid = { id: 'bad', key: 'conversation-1', seq: 1.5 };
        await expect(bus.publish(topic, [...values('conversation-1', 1), invalid])).rejects.toThrow(
          new RegExp(`${topic.name.replaceAll('.', '\\.')}.*value 1.*seq`),
        );

        // Same key, same partition: had the valid half of the batch been published, it would come first.
        await bus.publish(topic, values('conversation-1', 1, 7));
        await received.untilCount(1, 'delivery of the marker');
        expect(received.values().map((v) => v.seq)).toEqual([7]);
      },
      timeoutMs,
    );

    it(
      'does not commit a message whose handler failed when the process stops, so a restart redelivers it',
      async () => {
        const topic = testTopic('crash');
        const crashing = await openBus();
        const failing = inbox();
        await crashing.subscribe(topic, { group: 'crash', maxAttempts: 1_000 }, async (delivery) => {
          failing.record(delivery);
          throw new Error('database unavailable');
        });
        await crashing.start();
        await crashing.publish(topic, values('conversation-1', 1));
        await failing.untilCount(2, 'failed attempts');
        await stopBus(crashing);

        const restarted = await openBus();
        const received = inbox();
        await restarted.subscribe(topic, { group: 'crash' }, received.handler);
        await restarted.start();

        await received.untilCount(1, 'redelivery after the restart');
        expect(received.deliveries.map((d) => [d.value.id, d.attempt])).toEqual([['conversation-1#0', 1]]);
      },
      timeoutMs,
    );

    it(
      'keeps installations with different namespaces apart',
      async () => {
        const topic = testTopic('namespaces');
        const ours = await openBus();
        const theirs = await openBus(`${namespace}-other`);
        const oursReceived = inbox();
        const theirsReceived = inbox();
        await ours.subscribe(topic, { group: 'shared-name' }, oursReceived.handler);
        await theirs.subscribe(topic, { group: 'shared-name' }, theirsReceived.handler);
        await Promise.all([ours.start(), theirs.start()]);

        await ours.publish(topic, values('conversation-1', 1));
        await theirs.publish(topic, values('conversation-1', 1, 5));

        await Promise.all([oursReceived.untilCount(1, 'our delivery'), theirsReceived.untilCount(1, 'their delivery')]);
        // Same topic name, group and key: without namespaces both would read one partition, ours first.
        expect(oursReceived.values().map((v) => v.seq)).toEqual([0]);
        expect(theirsReceived.values().map((v) => v.seq)).toEqual([5]);
      },
      timeoutMs,
    );

    it(
      'continues the publisher’s trace in the handler',
      async () => {
        const topic = testTopic('tracing');
        const bus = await openBus();
        const received = inbox();
        const handlerTraceIds: (string | undefined)[] = [];
        await bus.subscribe(topic, { group: 'tracing' }, async (delivery) => {
          handlerTraceIds.push(trace.getActiveSpan()?.spanContext().traceId);
          received.record(delivery);
        });
        await bus.start();

        let published: SpanContext | undefined;
        await trace.getTracer('message-bus-conformance').startActiveSpan('accept a message', async (span) => {
          published = span.spanContext();
          try {
            await bus.publish(topic, values('conversation-1', 1));
          } finally {
            span.end();
          }
        });
        expect(published && isSpanContextValid(published), 'a tracer provider, context manager and W3C propagator must be registered').toBe(true);

        await received.untilCount(1, 'delivery');
        expect(handlerTraceIds).toEqual([published!.traceId]);
        expect(received.deliveries[0]!.headers.traceparent).toContain(published!.traceId);
      },
      timeoutMs,
    );

    it(
      'hands a batch handler what waits on a partition, in order, and commits it all',
      async () => {
        const topic = testTopic('batch');
        const bus = await openBus();
        const batches: number[] = [];
        const received = inbox();
        // Published before the subscription starts, so the messages wait together.
        await bus.publish(topic, values('conversation-1', 40));
        await bus.subscribeBatch(topic, { group: 'batch', maxBatch: 15 }, async (deliveries) => {
          batches.push(deliveries.length);
          for (const delivery of deliveries) received.record(delivery);
        });
        await bus.start();

        await received.untilCount(40, 'deliveries');
        expect(received.values().map((v) => v.seq)).toEqual(values('conversation-1', 40).map((v) => v.seq));
        expect(Math.max(...batches)).toBeGreaterThan(1);
        expect(Math.max(...batches)).toBeLessThanOrEqual(15);
        await stopBus(bus);

        // Committed: the group starts after the last message once it comes back.
        const restarted = await openBus();
        const after = inbox();
        await restarted.subscribeBatch(topic, { group: 'batch' }, async (deliveries) => deliveries.forEach((d) => after.record(d)));
        await restarted.start();
        await restarted.publish(topic, values('conversation-1', 1, 40));
        await after.untilCount(1, 'the next message');
        expect(after.values().map((v) => v.seq)).toEqual([40]);
      },
      timeoutMs,
    );

    it(
      'hands each message of a failed batch over alone, so only the bad one is dead-lettered',
      async () => {
        const topic = testTopic('batch-poison');
        const bus = await openBus();
        const handled = inbox();
        const calls: number[][] = [];
        const deadLetters = inbox<unknown>();
        await bus.publish(topic, values('conversation-1', 10));
        await bus.subscribeBatch(topic, { group: 'batch-poison', maxBatch: 10 }, async (deliveries) => {
          calls.push(deliveries.map((d) => d.value.seq));
          if (deliveries.some((d) => d.value.seq === 4)) throw new Error('seq 4 cannot be archived');
          for (const delivery of deliveries) handled.record(delivery);
        });
        await bus.subscribe(deadLetterTopic(topic), { group: 'batch-poison-dlt-watch' }, deadLetters.handler);
        await bus.start();

        await deadLetters.untilCount(1, 'dead letter of the bad message');
        await handled.untilCount(9, 'the good messages');
        expect(deadLetters.values()).toEqual([values('conversation-1', 5)[4]]);
        expect(deadLetters.deliveries[0]!.headers[DEAD_LETTER_HEADERS.error]).toBe('seq 4 cannot be archived');
        expect(handled.values().map((v) => v.seq)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
        expect(calls.filter((c) => c.length === 1 && c[0] === 4)).toHaveLength(3);
      },
      timeoutMs,
    );

    it(
      'continues each message’s own trace in what a batch handler publishes for it',
      async () => {
        const source = testTopic('batch-trace-in');
        const results = testTopic('batch-trace-out');
        const bus = await openBus();
        const received = inbox();
        const published: string[] = [];
        for (const seq of [0, 1, 2]) {
          await trace.getTracer('message-bus-conformance').startActiveSpan(`accept ${seq}`, async (span) => {
            published.push(span.spanContext().traceId);
            try {
              await bus.publish(source, values('conversation-1', 1, seq));
            } finally {
              span.end();
            }
          });
        }
        await bus.subscribeBatch(source, { group: 'batch-trace' }, (deliveries) =>
          bus.publish(results, deliveries.map((d) => d.value), { causedBy: deliveries }),
        );
        await bus.subscribe(results, { group: 'batch-trace-watch' }, received.handler);
        await bus.start();

        await received.untilCount(3, 'results');
        expect(received.deliveries.map((d) => d.headers.traceparent?.split('-')[1])).toEqual(published);
        expect(new Set(published).size).toBe(3);
      },
      timeoutMs,
    );
  });
}
