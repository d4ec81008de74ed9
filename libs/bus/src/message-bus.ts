import type { TopicSpec } from '@chatvault/contracts';

export interface Delivery<T> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: T;
  readonly headers: Readonly<Record<string, string>>;
  /** 1 on first delivery; grows with each redelivery after a failed handler. */
  readonly attempt: number;
}

export type Handler<T> = (delivery: Delivery<T>) => Promise<void>;

export interface SubscribeOptions {
  /** Consumers in one group share the partitions; each group sees every message. */
  readonly group: string;
  /** Handler attempts before the message goes to `<topic>.dlt`. Default 3. */
  readonly maxAttempts?: number;
}

/**
 * The only way services talk to each other. Semantics both adapters guarantee (and the
 * conformance suite checks): messages with one key keep their order; a handler's message is
 * committed only after the handler resolved; a failing handler is retried, then the message is
 * dead-lettered with the error in its headers and the partition moves on; a value that fails the
 * topic's schema is dead-lettered at once.
 */
export interface MessageBus {
  publish<T>(topic: TopicSpec<T>, values: readonly T[]): Promise<void>;
  subscribe<T>(topic: TopicSpec<T>, options: SubscribeOptions, handler: Handler<T>): Promise<void>;
  /** Starts delivering to every subscription made so far. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MessageBus');
