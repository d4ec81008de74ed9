import { deadLetterTopicOf, type TopicSpec } from '@chatvault/contracts';
import type { Logger } from '@chatvault/platform';
import { Kafka, Partitioners, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import type { Span } from '@opentelemetry/api';
import type { BatchHandler, BatchSubscribeOptions, Handler, MessageBus, PublishOptions, SubscribeOptions } from '../message-bus';
import { BusNamespace } from '../bus-namespace';
import { busMetrics } from '../bus-metrics';
import { deadLetterHeaders, recordDeadLetter, type DeadLetterCause } from '../dead-letter';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF, type RetryBackoff } from '../retry-policy';
import { encodeValues } from '../topic-codec';
import { headersFromKafka } from './kafka-headers';
import { KAFKAJS_LOG_LEVEL, pinoLogCreator } from './kafka-log-creator';
import { KafkaSubscription } from './kafka-subscription';
import { endSpans, startSendSpan } from '../bus-tracing';
import { parentsOf } from '../caused-by';
import { DEFAULT_MAX_BATCH, type Handling } from '../consume-batch';
import { KafkaTopicProvisioner } from './kafka-topics';
import { retryRetriable } from './retry-retriable';
import { CoalescingSender } from './coalescing-sender';

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions of the topics this bus creates. */
  readonly partitions: number;
  readonly namespace?: string;
  readonly logger: Logger;
  readonly retryBackoff?: RetryBackoff;
  /** Default 10 s: how soon a killed consumer's partitions move to the rest of its group. */
  readonly sessionTimeoutMs?: number;
  /** Default 1 s. */
  readonly heartbeatIntervalMs?: number;
}

/** The bus on Apache Kafka, through kafkajs; it traces its sends and handlers itself (see bus-tracing). */
export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly sender: CoalescingSender;
  private readonly topics: KafkaTopicProvisioner;
  private readonly namespace: BusNamespace;
  private readonly subscriptions: KafkaSubscription[] = [];
  private readonly stopping = new AbortController();
  private producerConnected?: Promise<void>;
  private started = false;
  private closed = false;
  private stopped?: Promise<void>;

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: KAFKAJS_LOG_LEVEL,
      logCreator: pinoLogCreator(options.logger),
    });
    this.producer = this.kafka.producer({
      // acks=all is required by, and implied for, the idempotent producer: a retried send is not written twice.
      idempotent: true,
      // One request in flight keeps a retried batch from overtaking the next one: keyed order survives retries.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.sender = new CoalescingSender(this.producer);
    this.topics = new KafkaTopicProvisioner(this.kafka.admin(), options.partitions);
    this.namespace = new BusNamespace(options.namespace);
  }

  async publish<T>(topic: TopicSpec<T>, values: readonly NoInfer<T>[], options: PublishOptions = {}): Promise<void> {
    this.assertOpen(`publish to ${topic.name}`);
    const encoded = encodeValues(topic, values);
    if (encoded.length === 0) return;
    const brokerTopic = this.namespace.qualify(topic.name);
    const parents = parentsOf(options, encoded.length);
    await this.topics.ensure(brokerTopic);
    const spans: Span[] = [];
    const messages = encoded.map(({ key, value }, i) => {
      const headers = { ...options.headers };
      spans.push(startSendSpan('kafka', brokerTopic, headers, parents?.[i]));
      return { key, value, headers };
    });
    try {
      await this.send(brokerTopic, messages);
    } catch (error) {
      endSpans(spans, error);
      throw error;
    }
    endSpans(spans);
    busMetrics.published.inc({ topic: topic.name }, encoded.length);
  }

  subscribe<T>(topic: TopicSpec<T>, options: SubscribeOptions, handler: Handler<NoInfer<T>>): Promise<void> {
    return this.addSubscription(topic, options, { kind: 'each', handler });
  }

  subscribeBatch<T>(topic: TopicSpec<T>, options: BatchSubscribeOptions, handler: BatchHandler<NoInfer<T>>): Promise<void> {
    return this.addSubscription(topic, options, { kind: 'batch', handler, maxBatch: options.maxBatch ?? DEFAULT_MAX_BATCH });
  }

  private async addSubscription(topic: TopicSpec<any>, options: SubscribeOptions, handling: Handling): Promise<void> {
    this.assertRunning(`subscribe to ${topic.name}`);
    const brokerTopic = this.namespace.qualify(topic.name);
    const subscription = new KafkaSubscription({
      kafka: this.kafka,
      topic,
      group: options.group,
      // A Kafka group spreads the partitions of every topic its members read across all of them;
      // kafkajs's assigner ignores that members subscribe to different topics. One broker group per
      // topic keeps a topic's partitions with the consumers that handle it.
      broker: { topic: brokerTopic, group: this.namespace.qualify(`${options.group}.${topic.name}`) },
      handling,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      startAt: options.startAt ?? 'earliest',
      backoff: this.options.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 1_000,
      partitionsConsumedConcurrently: this.options.partitions,
      stopping: this.stopping.signal,
      logger: this.options.logger,
      deadLetter: (message, cause) => this.deadLetter(brokerTopic, message, cause),
    });
    this.subscriptions.push(subscription);
    if (this.started) await this.startSubscription(subscription);
  }

  /** Resolves once every subscription's consumer has joined its group. */
  async start(): Promise<void> {
    this.assertRunning('start');
    this.started = true;
    await Promise.all(this.subscriptions.map((s) => this.startSubscription(s)));
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.stopping.abort();
    // Handlers still running may publish: the producer closes after the consumers.
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    this.closed = true;
    // A producer that never managed to connect has nothing to close.
    await Promise.all([this.producerConnected?.then(() => this.producer.disconnect(), () => undefined), this.topics.close()]);
  }

  private async startSubscription(subscription: KafkaSubscription): Promise<void> {
    await this.topics.ensure(subscription.topic);
    await retryRetriable(() => subscription.start());
  }

  private async deadLetter(sourceTopic: string, message: KafkaMessage, cause: DeadLetterCause): Promise<void> {
    const topic = deadLetterTopicOf(sourceTopic);
    await this.send(topic, [{ key: message.key, value: message.value, headers: deadLetterHeaders(headersFromKafka(message.headers), cause) }]);
    recordDeadLetter(this.options.logger, topic, cause);
  }

  private async send(topic: string, messages: Message[]): Promise<void> {
    this.producerConnected ??= this.producer.connect().catch((error: unknown) => {
      this.producerConnected = undefined;
      throw error;
    });
    await this.producerConnected;
    await this.sender.send(topic, messages);
  }

  /** Publishing stays possible while stopping: handlers that are finishing may publish their results. */
  private assertOpen(action: string): void {
    if (this.closed) throw new Error(`cannot ${action}: the Kafka bus is stopped`);
  }

  private assertRunning(action: string): void {
    if (this.stopping.signal.aborted) throw new Error(`cannot ${action}: the Kafka bus is stopping`);
  }
}
