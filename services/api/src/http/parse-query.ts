import type { z } from 'zod';
import { DomainError } from '@chatvault/platform';
import { describeZodIssues } from './zod-issues';

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new DomainError('invalid_request', describeZodIssues(parsed.error.issues));
  return parsed.data;
}
