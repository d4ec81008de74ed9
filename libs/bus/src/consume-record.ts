import type { TopicSpec } from '@chatvault/contracts';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from '@chatvault/platform';
import type { Handler } from './message-bus';
import type { DeadLetterCause } from './dead-letter';
import { backoffDelay, type RetryBackoff } from './retry-policy';
import { decodeValue } from './topic-codec';
import { busMetrics } from './bus-metrics';
import { sleep } from './sleep';

/** A message as both adapters read it off their log, before its value is decoded. */
export interface RawRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The schema the value passed when this process published it: decoding against the same one only parses it. */
  readonly validatedBy?: TopicSpec<unknown>['schema'];
}

/** Tells the broker this consumer is alive while a handler or a backoff holds its partition. */
export interface KeepAlive {
  readonly intervalMs: number;
  beat(): Promise<void>;
}

export interface ConsumeOptions {
  readonly group: string;
  readonly maxAttempts: number;
  readonly backoff: RetryBackoff;
  /** Aborted when the bus stops: a message still being retried is left uncommitted for the next consumer. */
  readonly stopping: AbortSignal;
  readonly keepAlive?: KeepAlive;
  readonly logger: Logger;
}

export type ConsumeOutcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'dead-letter'; readonly cause: DeadLetterCause }
  | { readonly kind: 'abandoned' };

const HANDLED: ConsumeOutcome = { kind: 'handled' };
const ABANDONED: ConsumeOutcome = { kind: 'abandoned' };

/**
 * Decodes one record and runs its handler until it resolves or runs out of attempts. Says what
 * the adapter must do next (commit, dead-letter then commit, or leave the offset alone); it never
 * commits itself, so the adapters share the retry rules but keep their own commit mechanics.
 */
export async function consumeRecord<T>(topic: TopicSpec<T>, record: RawRecord, handler: Handler<T>, options: ConsumeOptions): Promise<ConsumeOutcome> {
  const labels = { topic: topic.name, group: options.group };
  const deadLetter = (reason: string, attempts: number): ConsumeOutcome => {
    trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: reason });
    return {
      kind: 'dead-letter',
      cause: { topic: topic.name, partition: record.partition, offset: record.offset, group: options.group, attempts, reason },
    };
  };

  const decoded = decodeValue(topic, record.value, record.validatedBy);
  if (!decoded.ok) return deadLetter(decoded.reason, 0);

  for (let attempt = 1; ; attempt++) {
    if (options.stopping.aborted) return ABANDONED;
    try {
      const { partition, offset, key, headers } = record;
      await keepingAlive(handler({ topic: topic.name, partition, offset, key, value: decoded.value, headers, attempt }), options.keepAlive);
      busMetrics.delivered.inc(labels);
      return HANDLED;
    } catch (error) {
      busMetrics.handlerFailures.inc(labels);
      trace.getActiveSpan()?.recordException(error instanceof Error ? error : String(error));
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt >= options.maxAttempts) return deadLetter(reason, attempt);
      options.logger.warn(
        { topic: topic.name, group: options.group, partition: record.partition, offset: record.offset, attempt, err: error },
        `handler failed on attempt ${attempt} of ${options.maxAttempts}; retrying`,
      );
      if (!(await backOff(backoffDelay(options.backoff, attempt), options))) return ABANDONED;
    }
  }
}

export async function keepingAlive(handling: Promise<void>, keepAlive: KeepAlive | undefined): Promise<void> {
  if (!keepAlive) return handling;
  // A heartbeat refused here means a rebalance began; the handler cannot be interrupted, and the
  // commit after it is what finds out whether this consumer still owns the partition.
  const timer = setInterval(() => keepAlive.beat().catch(() => undefined), keepAlive.intervalMs);
  try {
    await handling;
  } finally {
    clearInterval(timer);
  }
}

/** False when the bus began stopping during the wait. */
async function backOff(ms: number, options: ConsumeOptions): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (options.stopping.aborted) return false;
    const left = until - Date.now();
    if (left <= 0) return true;
    await sleep(Math.min(left, options.keepAlive?.intervalMs ?? left), options.stopping);
    // Unlike during a handler, a refused heartbeat here ends the retries: the partition is being
    // reassigned, so the message stays uncommitted and its next owner starts over.
    if (options.keepAlive && !options.stopping.aborted) await options.keepAlive.beat();
  }
}
