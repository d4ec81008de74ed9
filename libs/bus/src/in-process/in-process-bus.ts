import { setImmediate as nextTurn } from 'node:timers/promises';
import { deadLetterTopicOf, type TopicSpec } from '@chatvault/contracts';
import type { Logger } from '@chatvault/platform';
import type { Span } from '@opentelemetry/api';
import type { BatchHandler, BatchSubscribeOptions, Handler, MessageBus, PublishOptions, SubscribeOptions } from '../message-bus';
import { BusNamespace } from '../bus-namespace';
import { busMetrics } from '../bus-metrics';
import { consumeRecord, type ConsumeOptions, type RawRecord } from '../consume-record';
import { consumeBatch, DEFAULT_MAX_BATCH, type Handling, type Settle } from '../consume-batch';
import { deadLetterHeaders, recordDeadLetter, type DeadLetterCause } from '../dead-letter';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF, type RetryBackoff } from '../retry-policy';
import { sleep } from '../sleep';
import { encodeValues } from '../topic-codec';
import { AppendSignal } from './append-signal';
import type { BusLog, StoredMessage } from './bus-log';
import { endSpans, startSendSpan, withProcessSpans } from '../bus-tracing';
import { parentsOf } from '../caused-by';
import { partitionOf } from './partition-of';

export interface InProcessBusOptions {
  readonly log: BusLog;
  readonly logger: Logger;
  /** Partitions of the topics this bus creates. Default 6. */
  readonly partitions?: number;
  readonly namespace?: string;
  readonly retryBackoff?: RetryBackoff;
  /** Messages of each partition kept after every group that holds the log back has consumed them, for replay. Default 1,000 (the config's default). */
  readonly retainedMessages?: number;
  /**
   * How long a group that is no longer subscribed still holds the log back, from when it was last
   * subscribed: default 7 days (the config's default, and Kafka's for how long it keeps the committed
   * offsets of a group that has no member left).
   */
  readonly groupRetentionMs?: number;
  /** How often the log is trimmed. Default every second. */
  readonly trimIntervalMs?: number;
}

interface Member {
  readonly topic: TopicSpec<any>;
  readonly handling: Handling;
  readonly maxAttempts: number;
}

/** Everything one consumer group reads from one topic, shared by the group's subscriptions in this process. */
interface GroupSubscription {
  readonly topic: string;
  readonly group: string;
  /** The names in the log: with the namespace. */
  readonly log: { readonly topic: string; readonly group: string };
  readonly members: Member[];
  readonly startAt: 'earliest' | 'latest';
  launched: boolean;
}

/**
 * Also the largest batch handed to a handler. Every partition of every group holds its batch in the
 * one heap all services share, while Kafka's batches are spread over the processes of a deployment.
 */
const READ_BATCH = 100;

/** How often the groups subscribed here are recorded as seen again, at most. */
const GROUP_SEEN_INTERVAL_MS = 60_000;

/**
 * The bus of the embedded mode: one process, no broker, the same guarantees as Kafka. Each topic has
 * partitions a key hashes onto; each group consumes each partition in order with one worker, whose
 * handler is one of the group's subscriptions (partition i goes to subscription i mod n), so several
 * subscriptions of a group split the partitions the way consumers of a Kafka group do.
 */
export class InProcessBus implements MessageBus {
  private readonly log: BusLog;
  private readonly logger: Logger;
  private readonly partitions: number;
  private readonly namespace: BusNamespace;
  private readonly backoff: RetryBackoff;
  private readonly subscriptions = new Map<string, GroupSubscription>();
  private readonly appended = new Map<string, AppendSignal>();
  /** The topics (with the namespace) this bus published to or reads, dead letters aside: the ones it trims. */
  private readonly topics = new Map<string, number>();
  private readonly retainedMessages: number;
  private readonly groupRetentionMs: number;
  /** Often enough that a subscribed group's record never gets as old as the retention. */
  private readonly groupSeenIntervalMs: number;
  private groupsSeenAt = 0;
  private readonly trimIntervalMs: number;
  private trimmer?: NodeJS.Timeout;
  private readonly workers: Promise<void>[] = [];
  private readonly stopping = new AbortController();
  private started = false;
  private closed = false;
  private stopped?: Promise<void>;

  constructor(options: InProcessBusOptions) {
    this.log = options.log;
    this.logger = options.logger;
    this.partitions = options.partitions ?? 6;
    this.namespace = new BusNamespace(options.namespace);
    this.backoff = options.retryBackoff ?? DEFAULT_RETRY_BACKOFF;
    this.retainedMessages = options.retainedMessages ?? 1_000;
    this.groupRetentionMs = options.groupRetentionMs ?? 7 * 24 * 60 * 60 * 1_000;
    this.groupSeenIntervalMs = Math.min(GROUP_SEEN_INTERVAL_MS, this.groupRetentionMs / 2);
    this.trimIntervalMs = options.trimIntervalMs ?? 1_000;
  }

  async publish<T>(topic: TopicSpec<T>, values: readonly NoInfer<T>[], options: PublishOptions = {}): Promise<void> {
    this.assertOpen(`publish to ${topic.name}`);
    const encoded = encodeValues(topic, values);
    if (encoded.length === 0) return;
    const physical = this.namespace.qualify(topic.name);
    const partitions = this.ensureTopic(physical);
    const parents = parentsOf(options, encoded.length);
    const spans: Span[] = [];
    const messages = encoded.map(({ key, value }, i) => {
      const partition = partitionOf(key, partitions);
      const headers = { ...options.headers };
      spans.push(startSendSpan('chatvault-in-process', physical, headers, parents?.[i], partition));
      return { partition, key, value, headers, validatedBy: topic.schema };
    });
    try {
      this.log.append(physical, messages);
    } catch (error) {
      endSpans(spans, error);
      throw error;
    }
    endSpans(spans);
    busMetrics.published.inc({ topic: topic.name }, messages.length);
    this.signalOf(physical).notify();
  }

  subscribe<T>(topic: TopicSpec<T>, options: SubscribeOptions, handler: Handler<NoInfer<T>>): Promise<void> {
    return this.addMember(topic, options, { kind: 'each', handler });
  }

  subscribeBatch<T>(topic: TopicSpec<T>, options: BatchSubscribeOptions, handler: BatchHandler<NoInfer<T>>): Promise<void> {
    return this.addMember(topic, options, { kind: 'batch', handler, maxBatch: options.maxBatch ?? DEFAULT_MAX_BATCH });
  }

  private async addMember(topic: TopicSpec<any>, options: SubscribeOptions, handling: Handling): Promise<void> {
    this.assertRunning(`subscribe to ${topic.name}`);
    const id = JSON.stringify([options.group, topic.name]);
    let subscription = this.subscriptions.get(id);
    if (!subscription) {
      subscription = {
        topic: topic.name,
        group: options.group,
        log: { topic: this.namespace.qualify(topic.name), group: this.namespace.qualify(options.group) },
        members: [],
        startAt: options.startAt ?? 'earliest',
        launched: false,
      };
      this.subscriptions.set(id, subscription);
    }
    subscription.members.push({ topic, handling, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS });
    if (this.started) this.launch(subscription);
  }

  async start(): Promise<void> {
    this.assertRunning('start');
    this.started = true;
    this.trimmer = setInterval(() => this.trimLog(), this.trimIntervalMs).unref();
    for (const subscription of this.subscriptions.values()) this.launch(subscription);
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.trimmer);
    for (const signal of this.appended.values()) signal.notify();
    // Handlers still running may publish; the log closes only once they are done.
    await Promise.all(this.workers);
    this.closed = true;
    await this.log.close();
  }

  private launch(subscription: GroupSubscription): void {
    if (subscription.launched) return;
    subscription.launched = true;
    const partitions = this.ensureTopic(subscription.log.topic);
    // Recorded before it reads: from now on the log keeps what it has yet to consume, even once it has gone.
    this.log.markGroupSeen(subscription.log.group, subscription.log.topic, Date.now());
    if (subscription.startAt === 'latest') this.skipToEnd(subscription.log, partitions);
    for (let partition = 0; partition < partitions; partition++) this.workers.push(this.runPartition(subscription, partition));
  }

  /** A group that has committed nothing yet begins after what the log holds now. */
  private skipToEnd({ topic, group }: GroupSubscription['log'], partitions: number): void {
    for (let partition = 0; partition < partitions; partition++) {
      if (this.log.committedOffset(group, topic, partition) === 0) this.log.commit(group, topic, partition, this.log.endOffset(topic, partition));
    }
  }

  private async runPartition(subscription: GroupSubscription, partition: number): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.consumePartition(subscription, partition);
      } catch (error) {
        // The log itself failed (disk full, corrupt file): keep the partition where it was committed and try again.
        this.logger.error({ err: error, topic: subscription.log.topic, group: subscription.group, partition }, 'in-process consumer failed; resuming from the committed offset');
        await sleep(this.backoff.maxMs, this.stopping.signal);
      }
    }
  }

  private async consumePartition(subscription: GroupSubscription, partition: number): Promise<void> {
    const { topic, group } = subscription.log;
    const member = subscription.members[partition % subscription.members.length]!;
    const chunkSize = member.handling.kind === 'batch' ? Math.min(member.handling.maxBatch, READ_BATCH) : 1;
    const lag = { topic: subscription.topic, group: subscription.group, partition: String(partition) };
    let next = this.log.committedOffset(group, topic, partition);
    const settle: Settle = async (record, outcome) => {
      if (outcome.kind === 'dead-letter') this.deadLetter(record, subscription.log.topic, outcome.cause);
      next = Number(record.offset) + 1;
      this.log.commit(group, topic, partition, next);
    };
    while (!this.stopping.signal.aborted) {
      const batch = this.log.read(topic, partition, next, READ_BATCH);
      busMetrics.consumerLag.set(lag, this.log.endOffset(topic, partition) - next);
      if (batch.length === 0) {
        await this.signalOf(topic).next();
        continue;
      }
      for (let start = 0; start < batch.length; start += chunkSize) {
        const chunk = batch.slice(start, start + chunkSize).map(rawRecordOf);
        if (!(await this.consume(subscription, member, chunk, settle))) return;
        if (this.stopping.signal.aborted) return;
        // Handlers over a synchronous log never wait on I/O: without a turn of the event loop between
        // batches, a backlog would hold up requests, timers and the search writer's replies until it is gone.
        await nextTurn();
      }
    }
  }

  /** False when the bus began stopping and left records unsettled. */
  private consume(subscription: GroupSubscription, member: Member, records: RawRecord[], settle: Settle): Promise<boolean> {
    const options: ConsumeOptions = { group: subscription.group, maxAttempts: member.maxAttempts, backoff: this.backoff, stopping: this.stopping.signal, logger: this.logger };
    return withProcessSpans('chatvault-in-process', subscription.log.topic, subscription.log.group, records, async () => {
      const { handling } = member;
      if (handling.kind === 'batch') return consumeBatch(member.topic, records, handling.handler, options, settle);
      const outcome = await consumeRecord(member.topic, records[0]!, handling.handler, options);
      if (outcome.kind === 'abandoned') return false;
      await settle(records[0]!, outcome);
      return true;
    });
  }

  private deadLetter(message: RawRecord, sourceTopic: string, cause: DeadLetterCause): void {
    const topic = deadLetterTopicOf(sourceTopic);
    // Not among the trimmed topics: a dead letter waits for someone to look at it, however long that takes.
    const partitions = this.log.ensureTopic(topic, this.partitions);
    const headers = deadLetterHeaders(message.headers, cause);
    // Records come off this bus's own log, which holds no null values.
    this.log.append(topic, [{ partition: partitionOf(message.key, partitions), key: message.key, value: message.value ?? '', headers }]);
    this.signalOf(topic).notify();
    recordDeadLetter(this.logger, topic, cause);
  }

  private ensureTopic(topic: string): number {
    const partitions = this.log.ensureTopic(topic, this.partitions);
    this.topics.set(topic, partitions);
    return partitions;
  }

  /**
   * Deletes what every group recorded in the log has consumed, but the newest `retainedMessages` of
   * each partition. A group is recorded while it is subscribed here and for `groupRetentionMs` after:
   * a restarted process, or a group that subscribes after `start()`, resumes where it committed. A group
   * gone for longer (a service outside TARGET, a consumer since removed, an earlier process's
   * per-process listener) pins nothing, or the log would grow for ever: when it comes back it resumes
   * where it committed, or from the oldest message still kept, as a Kafka group does after retention.
   */
  private trimLog(): void {
    const now = Date.now();
    try {
      if (now - this.groupsSeenAt >= this.groupSeenIntervalMs) {
        for (const { launched, log } of this.subscriptions.values()) if (launched) this.log.markGroupSeen(log.group, log.topic, now);
        this.groupsSeenAt = now;
      }
      this.log.forgetGroupsSeenBefore(now - this.groupRetentionMs);
      for (const [topic, partitions] of this.topics) {
        for (let partition = 0; partition < partitions; partition++) {
          const retained = this.log.endOffset(topic, partition) - this.retainedMessages;
          this.log.trim(topic, partition, Math.min(retained, this.log.oldestUnconsumed(topic, partition) ?? retained));
        }
      }
    } catch (error) {
      // Nothing is lost by trimming later; a failing disk shows in the appends too.
      this.logger.warn({ err: error }, 'could not trim the in-process bus log; trying again');
    }
  }

  private signalOf(topic: string): AppendSignal {
    let signal = this.appended.get(topic);
    if (!signal) {
      signal = new AppendSignal();
      this.appended.set(topic, signal);
    }
    return signal;
  }

  /** Publishing stays possible while stopping: handlers that are finishing may publish their results. */
  private assertOpen(action: string): void {
    if (this.closed) throw new Error(`cannot ${action}: the in-process bus is stopped`);
  }

  private assertRunning(action: string): void {
    if (this.stopping.signal.aborted) throw new Error(`cannot ${action}: the in-process bus is stopping`);
  }
}

function rawRecordOf(message: StoredMessage): RawRecord {
  const { partition, offset, key, value, headers, validatedBy } = message;
  return { partition, offset: String(offset), key, value, headers, validatedBy };
}
