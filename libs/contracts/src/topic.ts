import type { ZodType } from 'zod';

/**
 * A versioned topic: its name carries the major version, so a breaking change is a new topic
 * that old and new consumers can read side by side during a rollout.
 */
export interface TopicSpec<T> {
  readonly name: string;
  readonly schemaVersion: number;
  readonly schema: ZodType<T>;
  /** Partition key: the aggregate whose events must stay in order. */
  readonly keyOf: (value: T) => string;
}

export function defineTopic<T>(spec: TopicSpec<T>): TopicSpec<T> {
  if (!spec.name.endsWith(`.v${spec.schemaVersion}`)) {
    throw new Error(`topic ${spec.name} must end with its major version .v${spec.schemaVersion}`);
  }
  return spec;
}

/** Where a consumer parks what it cannot process, with the reason in the headers. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlt`;
}

export const DEAD_LETTER_HEADERS = {
  error: 'x-dlt-error',
  sourceTopic: 'x-dlt-source-topic',
  sourcePartition: 'x-dlt-source-partition',
  sourceOffset: 'x-dlt-source-offset',
  consumerGroup: 'x-dlt-consumer-group',
  attempts: 'x-dlt-attempts',
  failedAt: 'x-dlt-failed-at',
} as const;
