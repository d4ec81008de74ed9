import type { z } from 'zod';

/** "messages.0.msgid: msgid is required; action: …" — the path tells the client which field to fix. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
