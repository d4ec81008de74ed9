import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { defineTopic } from '@chatvault/contracts';
import { createLogger } from '@chatvault/platform';
import { dropNamespace } from '@chatvault/testing';
import { z } from 'zod';
import { KafkaBus, type KafkaBusOptions } from './kafka-bus';
import { describeMessageBusConformance } from '../message-bus-conformance';

// What the platform's tracing does at boot: the bus traces itself once a tracer provider is registered.
new NodeTracerProvider().register();

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const namespace = `t-${randomUUID().slice(0, 8)}`;
const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');

async function kafkaBus(options: Partial<KafkaBusOptions> & { namespace: string }): Promise<KafkaBus> {
  return new KafkaBus({ brokers, clientId: 'bus-conformance', partitions: 6, logger, retryBackoff: { initialMs: 20, maxMs: 100 }, ...options });
}

describeMessageBusConformance('KafkaBus', (ns) => kafkaBus({ namespace: ns }), { namespace, timeoutMs: 45_000 });

describe('KafkaBus with a handler slower than the session timeout', () => {
  const topic = defineTopic({ name: 'slow-handler.v1', schemaVersion: 1, schema: z.object({ seq: z.number() }), keyOf: () => 'one-key' });

  it('heartbeats through it, so the group keeps its partitions and the message is handled once', async () => {
    const sessionTimeoutMs = 6_000; // the broker's minimum (group.min.session.timeout.ms)
    const bus = await kafkaBus({ namespace, sessionTimeoutMs, heartbeatIntervalMs: 500 });
    try {
      const handled: [seq: number, attempt: number][] = [];
      let reachedSecond!: () => void;
      const second = new Promise<void>((resolve) => (reachedSecond = resolve));
      await bus.subscribe(topic, { group: 'slow-handler' }, async ({ value, attempt }) => {
        handled.push([value.seq, attempt]);
        if (value.seq === 0) await delay(sessionTimeoutMs + 2_000);
        else reachedSecond();
      });
      await bus.start();
      await bus.publish(topic, [{ seq: 0 }, { seq: 1 }]);

      await second;
      // Had the session expired, the commit after the slow handler would have failed and the
      // rejoined group would have delivered the first message again before the second.
      expect(handled).toEqual([
        [0, 1],
        [1, 1],
      ]);
    } finally {
      await bus.stop();
    }
  }, 30_000);
});

afterAll(async () => {
  // The conformance suite also runs a second bus in `<namespace>-other`.
  for (const ns of [namespace, `${namespace}-other`]) await dropNamespace({ KAFKA_BROKERS: brokers.join(',') }, ns);
});
