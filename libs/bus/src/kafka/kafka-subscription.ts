import type { TopicSpec } from '@chatvault/contracts';
import type { Logger } from '@chatvault/platform';
import type { Batch, Consumer, EachBatchPayload, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Handler } from '../message-bus';
import type { DeadLetterCause } from '../dead-letter';
import type { RetryBackoff } from '../retry-policy';
import { busMetrics } from '../bus-metrics';
import { consumeRecord, type ConsumeOptions, type KeepAlive, type RawRecord } from '../consume-record';
import { consumeBatch, type Handling, type Settle } from '../consume-batch';
import { withProcessSpans } from '../bus-tracing';
import { headersFromKafka } from './kafka-headers';

export interface KafkaSubscriptionSettings {
  readonly kafka: Kafka;
  readonly topic: TopicSpec<any>;
  readonly group: string;
  /** Topic and group as the broker knows them: with the namespace. */
  readonly broker: { readonly topic: string; readonly group: string };
  readonly handling: Handling;
  readonly maxAttempts: number;
  readonly startAt: 'earliest' | 'latest';
  readonly backoff: RetryBackoff;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly partitionsConsumedConcurrently: number;
  /** Aborted when the bus stops. */
  readonly stopping: AbortSignal;
  readonly logger: Logger;
  deadLetter(message: KafkaMessage, cause: DeadLetterCause): Promise<void>;
}

/**
 * How often a subscription commits at most. A commit per message or batch was most of the requests
 * the broker served (hundreds a second at 1,000 msg/s, each costing both sides CPU); what a crash
 * leaves uncommitted is redelivered, and every handler tolerates that.
 */
const COMMIT_INTERVAL_MS = 500;

/**
 * One kafkajs consumer for one topic and group, so a poison message or a slow handler holds up only
 * its own partition of its own subscription. An offset becomes committable once its handler resolved
 * or its dead letter was written; committable offsets are committed together, at most every
 * COMMIT_INTERVAL_MS, and before the consumer leaves its group.
 */
export class KafkaSubscription {
  private consumer?: Consumer;
  private running = false;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Next offset to commit, by partition. */
  private readonly committable = new Map<number, string>();
  private lastCommitAt = 0;
  private commitTimer?: NodeJS.Timeout;

  constructor(private readonly settings: KafkaSubscriptionSettings) {}

  get topic(): string {
    return this.settings.broker.topic;
  }

  /** Resolves once the consumer has joined its group and received its partitions. */
  async start(): Promise<void> {
    if (this.consumer) return;
    const { kafka, broker, sessionTimeoutMs, heartbeatIntervalMs } = this.settings;
    const consumer = kafka.consumer({
      groupId: broker.group,
      // A killed consumer's partitions move after sessionTimeout; long handlers heartbeat so they do not.
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: heartbeatIntervalMs,
      allowAutoTopicCreation: false,
      // Bounds how long stop() waits for a fetch that finds nothing.
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      busMetrics.consumerLag.set({ topic: this.settings.topic.name, group: this.settings.group, partition: String(payload.partition) }, Number(payload.offsetLag));
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [broker.topic], fromBeginning: this.settings.startAt === 'earliest' });
      // run() returns after the first join and sync of the group.
      const { handling } = this.settings;
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
        ...(handling.kind === 'each'
          ? { eachMessage: (payload: EachMessagePayload) => this.track(this.eachMessage(handling.handler, payload)) }
          : { eachBatchAutoResolve: false, eachBatch: (payload: EachBatchPayload) => this.track(this.eachBatch(handling, payload)) }),
      });
    } catch (error) {
      this.consumer = undefined;
      await consumer.disconnect();
      throw error;
    }
    this.running = true;
  }

  /** Lets running handlers finish and commit, leaves the rest uncommitted, then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    const consumer = this.consumer;
    if (!consumer) return;
    // kafkajs ignores commits once its own stop began, so in-flight handlers finish first.
    if (this.running) consumer.pause([{ topic: this.settings.broker.topic }]);
    await Promise.allSettled([...this.inFlight]);
    await this.commitNow().catch((error: unknown) => this.settings.logger.warn({ topic: this.topic, err: error }, 'could not commit before leaving the group; the next owner redelivers'));
    await consumer.disconnect();
  }

  private async track(handling: Promise<void>): Promise<void> {
    this.inFlight.add(handling);
    try {
      await handling;
    } finally {
      this.inFlight.delete(handling);
    }
  }

  private async eachMessage(handler: Handler<any>, { topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    // Fetched before the stop: neither handled nor committed, so the partition's next owner reads it again.
    if (this.stopping) return;
    const record = rawRecordOf(partition, message);
    await withProcessSpans('kafka', topic, this.settings.broker.group, [record], async () => {
      const outcome = await consumeRecord(this.settings.topic, record, handler, this.consumeOptions({ intervalMs: this.settings.heartbeatIntervalMs, beat: heartbeat }));
      if (outcome.kind === 'abandoned') return;
      if (outcome.kind === 'dead-letter') await this.settings.deadLetter(message, outcome.cause);
      await this.commit(partition, message.offset);
    });
  }

  private async eachBatch(handling: Extract<Handling, { kind: 'batch' }>, { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const byOffset = new Map(batch.messages.map((m) => [m.offset, m]));
    const settle: Settle = async (record, outcome) => {
      if (outcome.kind === 'dead-letter') await this.settings.deadLetter(byOffset.get(record.offset)!, outcome.cause);
      resolveOffset(record.offset);
      await this.commit(partition, record.offset);
    };
    const options = this.consumeOptions({ intervalMs: this.settings.heartbeatIntervalMs, beat: heartbeat });
    for (const chunk of chunks(batch, handling.maxBatch)) {
      // Left unresolved and uncommitted: the partition's next owner, or this consumer after a rebalance, reads them again.
      if (this.stopping || !isRunning() || isStale()) return;
      const records = chunk.map((message) => rawRecordOf(partition, message));
      const finished = await withProcessSpans('kafka', topic, this.settings.broker.group, records, () => consumeBatch(this.settings.topic, records, handling.handler, options, settle));
      if (!finished) return;
      await heartbeat();
    }
  }

  private consumeOptions(keepAlive: KeepAlive): ConsumeOptions {
    const { settings } = this;
    return { group: settings.group, maxAttempts: settings.maxAttempts, backoff: settings.backoff, stopping: settings.stopping, keepAlive, logger: settings.logger };
  }

  /** Marks everything up to `offset` committable, and commits unless a commit went out a moment ago. */
  private async commit(partition: number, offset: string): Promise<void> {
    this.committable.set(partition, (BigInt(offset) + 1n).toString());
    const wait = this.lastCommitAt + COMMIT_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.commitNow();
    // A quiet partition still gets its last offsets committed soon; a failure here is only redelivery.
    this.commitTimer ??= setTimeout(() => {
      this.commitTimer = undefined;
      this.commitNow().catch((error: unknown) => this.settings.logger.warn({ topic: this.topic, err: error }, 'commit failed; uncommitted messages will be redelivered'));
    }, wait);
  }

  private async commitNow(): Promise<void> {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    if (this.committable.size === 0 || !this.consumer) return;
    const offsets = [...this.committable].map(([partition, offset]) => ({ topic: this.topic, partition, offset }));
    this.committable.clear();
    this.lastCommitAt = Date.now();
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (error) {
      throw rejoinable(error);
    }
  }
}

function rawRecordOf(partition: number, message: KafkaMessage): RawRecord {
  return { partition, offset: message.offset, key: message.key?.toString('utf8') ?? '', value: message.value?.toString('utf8') ?? null, headers: headersFromKafka(message.headers) };
}

function* chunks(batch: Batch, size: number): Generator<KafkaMessage[]> {
  for (let start = 0; start < batch.messages.length; start += size) yield batch.messages.slice(start, start + size);
}

/** Broker answers meaning this member is no longer (or not yet again) part of its group's current generation. */
const LOST_MEMBERSHIP = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP']);

/**
 * kafkajs wraps a commit refused because the member lost its group (evicted after a stall, or a
 * rebalance) in a non-retriable error that stops the consumer for good. Rethrowing the broker's own
 * error instead makes kafkajs rejoin the group; the partition's next owner redelivers the message.
 */
function rejoinable(error: unknown): unknown {
  const cause = (error as { cause?: { type?: unknown } }).cause;
  return typeof cause?.type === 'string' && LOST_MEMBERSHIP.has(cause.type) ? cause : error;
}
