import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';

/** A media file of an archived message is in the object store: readers can fetch it, classifiers can look at it. */
export const chatMediaStoredSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  corpId: z.string().min(1),
  msgid: z.string().min(1),
  /** The conversation of the message, so media events keep its partition and order. */
  conversationId: z.string().min(1),
  /** Position in the message's `media[]`. */
  index: z.number().int().nonnegative(),
  /** Content address in the object store. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Sniffed from the bytes; application/octet-stream when unknown. */
  contentType: z.string().min(1),
  size: z.number().int().nonnegative(),
});
export type ChatMediaStored = z.infer<typeof chatMediaStoredSchema>;

export const chatMediaStoredV1 = defineTopic<ChatMediaStored>({
  name: 'chat.media.stored.v1',
  schemaVersion: 1,
  schema: chatMediaStoredSchema,
  keyOf: (e) => e.conversationId,
});
