import type { Context } from '@opentelemetry/api';
import type { PublishOptions } from './message-bus';
import { contextOf } from './bus-tracing';

/** The trace each published value continues, when the publisher named the messages they answer. */
export function parentsOf(options: PublishOptions, count: number): Context[] | undefined {
  if (!options.causedBy) return undefined;
  if (options.causedBy.length !== count) {
    throw new Error(`causedBy names ${options.causedBy.length} messages for ${count} values: it needs one per value`);
  }
  return options.causedBy.map((cause) => contextOf(cause.headers));
}
