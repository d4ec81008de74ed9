import { KafkaJSError } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';

const ATTEMPTS = 8;

/**
 * Runs a Kafka admin or group operation again while the broker answers with an error kafkajs marks
 * retriable but does not retry itself: when several processes create the same topics at once, the
 * metadata of a topic that was just created answers UNKNOWN_TOPIC_OR_PARTITION or
 * LEADER_NOT_AVAILABLE for a moment.
 */
export async function retryRetriable<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetriable(error) || attempt >= ATTEMPTS) throw error;
      await delay(150 * attempt);
    }
  }
}

function isRetriable(error: unknown): boolean {
  if (!(error instanceof KafkaJSError)) return false;
  return error.retriable || isRetriable((error as { cause?: unknown }).cause);
}
