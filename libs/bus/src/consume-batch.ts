import type { TopicSpec } from '@chatvault/contracts';
import type { BatchHandler, Delivery, Handler } from './message-bus';
import { busMetrics } from './bus-metrics';
import { consumeRecord, keepingAlive, type ConsumeOptions, type ConsumeOutcome, type RawRecord } from './consume-record';
import { decodeValue } from './topic-codec';

export const DEFAULT_MAX_BATCH = 500;

/** How a subscription hands messages over: one at a time, or in batches. */
export type Handling = { readonly kind: 'each'; readonly handler: Handler<any> } | { readonly kind: 'batch'; readonly handler: BatchHandler<any>; readonly maxBatch: number };

/** What the adapter does with a record's outcome: commit past it (after dead-lettering it when told to). */
export type Settle = (record: RawRecord, outcome: Exclude<ConsumeOutcome, { kind: 'abandoned' }>) => Promise<void>;

/**
 * Runs a batch handler over consecutive records of one partition. All of them valid and the handler
 * resolving settles the last one, which commits them all; otherwise every record goes through
 * `consumeRecord` alone, in order, so a record that fails its schema or its handler is retried or
 * dead-lettered by itself. Returns false when the bus began stopping, leaving the rest unsettled.
 */
export async function consumeBatch<T>(topic: TopicSpec<T>, records: readonly RawRecord[], handler: BatchHandler<T>, options: ConsumeOptions, settle: Settle): Promise<boolean> {
  if (records.length === 0 || options.stopping.aborted) return !options.stopping.aborted;
  const deliveries: Delivery<T>[] = [];
  for (const record of records) {
    const decoded = decodeValue(topic, record.value, record.validatedBy);
    if (!decoded.ok) break;
    const { partition, offset, key, headers } = record;
    deliveries.push({ topic: topic.name, partition, offset, key, value: decoded.value, headers, attempt: 1 });
  }
  if (deliveries.length === records.length) {
    try {
      await keepingAlive(handler(deliveries), options.keepAlive);
      busMetrics.delivered.inc({ topic: topic.name, group: options.group }, deliveries.length);
      await settle(records.at(-1)!, { kind: 'handled' });
      return true;
    } catch (error) {
      busMetrics.handlerFailures.inc({ topic: topic.name, group: options.group });
      options.logger.warn({ topic: topic.name, group: options.group, records: records.length, err: error }, 'batch handler failed; handling its messages one by one');
    }
  }
  for (const record of records) {
    const outcome = await consumeRecord(topic, record, (delivery) => handler([delivery]), options);
    if (outcome.kind === 'abandoned') return false;
    await settle(record, outcome);
  }
  return true;
}
