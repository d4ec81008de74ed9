import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

/**
 * A corp's China business day (UTC+8) is closed: its records are hash-chained and their Merkle root
 * is fixed. Published at least once per corp-day, and per amendment, with a stable eventId, so copies
 * kept elsewhere can later prove the archive unaltered.
 */
export const archiveDaySealedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  corpId: z.string().min(1),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day written YYYY-MM-DD'),
  recordCount: z.number().int().nonnegative(),
  merkleRoot: sha256Hex,
  lastChainHash: sha256Hex,
  sealedAt: z.string().datetime(),
  /**
   * Set when this closes records that reached the day after its seal: the amendment's number, its
   * records' Merkle root and the chain's last link after them. Absent for the seal itself.
   */
  amendment: z.number().int().positive().optional(),
});
export type ArchiveDaySealed = z.infer<typeof archiveDaySealedSchema>;

export const archiveDaySealedV1 = defineTopic<ArchiveDaySealed>({
  name: 'archive.day.sealed.v1',
  schemaVersion: 1,
  schema: archiveDaySealedSchema,
  keyOf: (e) => e.corpId,
});
