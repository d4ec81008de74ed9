import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';

/**
 * WeCom's msgaudit_notify callback: new chat-archive data is waiting for this corp. A hint only, the
 * puller's timer pulls anyway, so the ingest service may coalesce or drop duplicates freely.
 */
export const archiveNotifySchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  corpId: z.string().min(1),
  /** ms since epoch, when the callback reached us. */
  receivedAt: z.number().int().nonnegative(),
});
export type ArchiveNotify = z.infer<typeof archiveNotifySchema>;

export const archiveNotifyV1 = defineTopic<ArchiveNotify>({
  name: 'wecom.archive.notify.v1',
  schemaVersion: 1,
  schema: archiveNotifySchema,
  keyOf: (e) => e.corpId,
});
