import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';

/**
 * Something the archive could not capture (yet): the promise is every message, so each shortfall is
 * announced for alerting and counted, never silently skipped.
 */
export const captureProblemKindSchema = z.enum([
  /** The SDK returned sequence numbers with a hole between them. */
  'seq-gap',
  /** A record's envelope is stored but cannot be decrypted (yet): unknown key version, bad key, bad data. */
  'decrypt-failed',
  /** A media file could not be fetched or failed its md5 check. */
  'media-failed',
  /** Pulling from WeCom keeps failing: messages expire on WeCom's side after a few days. */
  'pull-failing',
]);
export type CaptureProblemKind = z.infer<typeof captureProblemKindSchema>;

export const captureProblemSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  corpId: z.string().min(1),
  kind: captureProblemKindSchema,
  /** What a reader needs to act: the seq range, the msgid, the error. */
  detail: z.string().min(1),
  /** Chat-archive sequence numbers concerned, inclusive, when known. */
  seqFrom: z.number().int().nonnegative().optional(),
  seqTo: z.number().int().nonnegative().optional(),
  msgid: z.string().optional(),
  /** How many records or files it concerns. */
  count: z.number().int().positive(),
});
export type CaptureProblem = z.infer<typeof captureProblemSchema>;

export const captureProblemV1 = defineTopic<CaptureProblem>({
  name: 'archive.capture.problem.v1',
  schemaVersion: 1,
  schema: captureProblemSchema,
  keyOf: (e) => e.corpId,
});
