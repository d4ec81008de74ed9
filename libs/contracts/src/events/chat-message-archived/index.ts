import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { participantKindSchema } from '../../participant';

/** A media file a record points to; fetched later through the archive SDK by `sdkfileid`. */
export const mediaRefSchema = z.object({
  sdkfileid: z.string().min(1),
  /** As WeCom gives it; empty when the type carries none. */
  md5sum: z.string(),
  /** Bytes, when the record says. */
  size: z.number().int().nonnegative().optional(),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

export const chatMessageSchema = z.object({
  corpId: z.string().min(1),
  msgid: z.string().min(1),
  action: z.enum(['send', 'recall', 'switch']),
  msgtype: z.string(),
  from: z.string(),
  fromKind: participantKindSchema,
  tolist: z.array(z.string()),
  roomid: z.string(),
  conversationId: z.string().min(1),
  /** ms since epoch, as WeCom gives it. */
  msgtime: z.number().int().nonnegative(),
  /** Text a reader searches for and a classifier reads; empty for types without any. */
  text: z.string(),
  /** False for a msgtype ChatVault does not know yet: archived raw, flagged and counted, never dropped. */
  knownType: z.boolean(),
  /** For a recall (`action: recall` / msgtype `revoke`): the msgid of the recalled message. */
  recalledMsgid: z.string().optional(),
  media: z.array(mediaRefSchema),
  /** The chat-archive sequence number, for records that came from the puller. */
  seq: z.number().int().nonnegative().optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatMessageArchivedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  message: chatMessageSchema,
  /** The decrypted WeCom record as parsed: type-specific fields (amounts, file names, card ids) live here. */
  record: z.record(z.string(), z.unknown()),
  /** SHA-256 of the archived raw record. */
  contentHash: z.string().length(64),
});
export type ChatMessageArchived = z.infer<typeof chatMessageArchivedSchema>;

export const chatMessageArchivedV1 = defineTopic<ChatMessageArchived>({
  name: 'chat.message.archived.v1',
  schemaVersion: 1,
  schema: chatMessageArchivedSchema,
  keyOf: (e) => e.message.conversationId,
});
