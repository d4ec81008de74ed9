import type { TopicSpec } from '@chatvault/contracts';

export interface Delivery<T> {
  /** The topic as the subscriber named it: without the bus namespace. */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: T;
  /** Headers as strings, including the W3C trace context (`traceparent`) the bus propagates. */
  readonly headers: Readonly<Record<string, string>>;
  /** 1 on first delivery; grows with each redelivery after a failed handler. */
  readonly attempt: number;
}

export type Handler<T> = (delivery: Delivery<T>) => Promise<void>;

/** Consecutive messages of one partition, oldest first. */
export type BatchHandler<T> = (deliveries: readonly Delivery<T>[]) => Promise<void>;

export interface SubscribeOptions {
  /** Consumers in one group share the partitions; each group sees every message. */
  readonly group: string;
  /** Handler attempts before the message goes to `<topic>.dlt`. Default 3. */
  readonly maxAttempts?: number;
  /**
   * Where a group that has committed nothing yet begins: the oldest message kept (default), or only
   * those published after it joined, for a live view such as a dashboard stream that has no use for
   * history. Kafka keeps what its retention (by time or size) keeps; the embedded bus keeps the newest
   * `BUS_LOG_RETAINED_MESSAGES` of each partition and what other groups have yet to consume.
   */
  readonly startAt?: 'earliest' | 'latest';
}

export interface BatchSubscribeOptions extends SubscribeOptions {
  /** Most messages per handler call. Default 500; the in-process bus hands over at most 100. */
  readonly maxBatch?: number;
}

export interface PublishOptions {
  /** Added to every message of the call; the bus adds the trace context itself. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The message each value answers, one per value: value i continues causedBy[i]'s trace instead of
   * the active one, so a batch handler keeps every message's trace going through what it publishes.
   */
  readonly causedBy?: readonly Pick<Delivery<unknown>, 'headers'>[];
}

/**
 * The only way services talk to each other. Semantics both adapters guarantee (and the
 * conformance suite checks): messages with one key keep their order; a handler's message is
 * committed only after the handler resolved; a failing handler is retried, then the message is
 * dead-lettered with the error in its headers and the partition moves on; a value that fails the
 * topic's schema is dead-lettered at once. Delivery is at least once: a crash between a handler's
 * effect and the commit redelivers the message, so handlers must be idempotent.
 */
export interface MessageBus {
  /**
   * Validates every value against the topic's schema first and throws, publishing nothing, if one
   * fails. `T` is taken from the topic alone, so a wrong value is reported against the topic's type.
   */
  publish<T>(topic: TopicSpec<T>, values: readonly NoInfer<T>[], options?: PublishOptions): Promise<void>;
  /** Subscriptions made after `start()` begin delivering at once. */
  subscribe<T>(topic: TopicSpec<T>, options: SubscribeOptions, handler: Handler<NoInfer<T>>): Promise<void>;
  /**
   * Like `subscribe`, for handlers that do their work for many messages at once (one bulk insert,
   * one bulk index request): the handler gets whatever is waiting on a partition, up to `maxBatch`
   * messages, and all of them are committed when it resolves. When it throws, each of those messages
   * is handed to it again alone, with the retries and dead letter of `subscribe`, so one bad message
   * costs only itself.
   */
  subscribeBatch<T>(topic: TopicSpec<T>, options: BatchSubscribeOptions, handler: BatchHandler<NoInfer<T>>): Promise<void>;
  /** Starts delivering to every subscription made so far. */
  start(): Promise<void>;
  /** Stops consuming: running handlers finish and are committed, retries waiting for their turn are left uncommitted. */
  stop(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MessageBus');
