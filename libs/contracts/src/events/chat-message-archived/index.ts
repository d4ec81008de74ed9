import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { participantKindSchema } from '../../participant';

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
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatMessageArchivedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  message: chatMessageSchema,
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
