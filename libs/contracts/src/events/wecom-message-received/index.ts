import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { conversationIdOf, wecomArchiveMessageSchema } from '../../wecom-archive-message';

export const wecomMessageReceivedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  corpId: z.string().min(1),
  source: z.enum(['http', 'import', 'puller']),
  /** The record exactly as it reached us: the archive keeps these bytes. */
  rawJson: z.string().min(2),
  message: wecomArchiveMessageSchema,
  /** The chat-archive sequence number, for records that came from the puller. */
  seq: z.number().int().nonnegative().optional(),
});
export type WecomMessageReceived = z.infer<typeof wecomMessageReceivedSchema>;

export const wecomMessageReceivedV1 = defineTopic<WecomMessageReceived>({
  name: 'wecom.message.received.v1',
  schemaVersion: 1,
  schema: wecomMessageReceivedSchema,
  keyOf: (e) => conversationIdOf(e.message),
});
