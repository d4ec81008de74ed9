import type { TopicSpec } from '@chatvault/contracts';
import type { ZodError } from 'zod';

export interface EncodedMessage {
  readonly key: string;
  readonly value: string;
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A producer tried to publish a value its topic's schema rejects. */
export class MessageSchemaError extends Error {
  constructor(
    readonly topic: string,
    readonly problem: string,
  ) {
    super(`cannot publish to ${topic}: ${problem}`);
    this.name = 'MessageSchemaError';
  }
}

/** Validates every value before any is encoded, so a batch is published whole or not at all. */
export function encodeValues<T>(topic: TopicSpec<T>, values: readonly T[]): EncodedMessage[] {
  const checked = values.map((value, index) => {
    const parsed = topic.schema.safeParse(value);
    if (!parsed.success) {
      throw new MessageSchemaError(topic.name, `value ${index} does not match the schema: ${describeIssues(parsed.error)}`);
    }
    return parsed.data;
  });
  return checked.map((value) => ({ key: topic.keyOf(value), value: JSON.stringify(value) }));
}

/**
 * Every consumer validates what it reads: a producer on another version may have written it. A value
 * that passed this very schema in `encodeValues` (`validatedBy`) is only parsed: parsing it again
 * would not change it, since topic schemas have defaults but no transforms.
 */
export function decodeValue<T>(topic: TopicSpec<T>, raw: string | null, validatedBy?: TopicSpec<unknown>['schema']): Decoded<T> {
  if (raw === null) return { ok: false, reason: `message on ${topic.name} has no value` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `message on ${topic.name} is not JSON: ${(error as Error).message}` };
  }
  if (validatedBy === topic.schema) return { ok: true, value: json as T };
  const parsed = topic.schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: `value does not match the schema of ${topic.name}: ${describeIssues(parsed.error)}` };
}

function describeIssues(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(value)'}: ${issue.message}`).join('; ');
}
