import { DEAD_LETTER_HEADERS, deadLetterTopicOf, type TopicSpec } from '@chatvault/contracts';
import type { Logger } from '@chatvault/platform';
import { z } from 'zod';
import { busMetrics } from './bus-metrics';

export interface DeadLetterCause {
  /** The topic as the subscriber named it, without the bus namespace: what a replay publishes to. */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly group: string;
  /** Handler attempts made; 0 when the value was rejected before any. */
  readonly attempts: number;
  readonly reason: string;
}

/** The original headers (trace context included) plus why and where the message failed. */
export function deadLetterHeaders(original: Readonly<Record<string, string>>, cause: DeadLetterCause): Record<string, string> {
  return {
    ...original,
    [DEAD_LETTER_HEADERS.error]: cause.reason,
    [DEAD_LETTER_HEADERS.sourceTopic]: cause.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(cause.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: cause.offset,
    [DEAD_LETTER_HEADERS.consumerGroup]: cause.group,
    [DEAD_LETTER_HEADERS.attempts]: String(cause.attempts),
    [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
  };
}

/**
 * A spec to subscribe to a topic's dead letters. They hold exactly what the source topic held, which
 * may be what failed its schema, so the value is left unchecked; a replay republishes it through the
 * source topic's spec, which validates it again.
 */
export function deadLetterTopic<T>(topic: TopicSpec<T>): TopicSpec<unknown> {
  const name = deadLetterTopicOf(topic.name);
  return {
    name,
    schemaVersion: topic.schemaVersion,
    schema: z.unknown(),
    keyOf: () => {
      throw new Error(`${name} is written by the bus only (a dead letter keeps its message's key); replay to ${topic.name} instead`);
    },
  };
}

/** Once the dead letter is written: a parked message needs a person, so it is logged as an error. */
export function recordDeadLetter(logger: Logger, deadLetterTopicName: string, cause: DeadLetterCause): void {
  busMetrics.deadLetters.inc({ topic: cause.topic, group: cause.group });
  logger.error({ ...cause, deadLetterTopic: deadLetterTopicName }, `message moved to ${deadLetterTopicName}: ${cause.reason}`);
}
