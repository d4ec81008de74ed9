import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { captureProblemKindSchema } from '../capture-problem';

const count = z.number().int().nonnegative();

/**
 * A corp's capture of one China business day, counted the night after: what was pulled, decrypted,
 * archived and absorbed as duplicates, what failed or still waits, and the problems reported.
 */
export const archiveDayReconciledSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  corpId: z.string().min(1),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  pulled: count,
  decrypted: count,
  decryptFailed: count,
  pendingDecrypt: count,
  received: z.array(z.object({ source: z.string(), archived: count, duplicate: count })),
  archived: count,
  duplicate: count,
  problems: z.partialRecord(captureProblemKindSchema, count),
  complete: z.boolean(),
});
export type ArchiveDayReconciled = z.infer<typeof archiveDayReconciledSchema>;

export const archiveDayReconciledV1 = defineTopic<ArchiveDayReconciled>({
  name: 'archive.day.reconciled.v1',
  schemaVersion: 1,
  schema: archiveDayReconciledSchema,
  keyOf: (e) => e.corpId,
});
