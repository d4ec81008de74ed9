import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { severitySchema } from '../../severity';
import { chatMessageSchema } from '../chat-message-archived';

export const hitSchema = z.object({
  hitId: z.string().min(1),
  ruleId: z.string().min(1),
  category: z.string().min(1),
  severity: severitySchema,
  /** Which text the spans point into: the message's own, or (for a recall) the recalled message's. */
  source: z.enum(['text', 'recalled']),
  /** [start, end) offsets into that original text. */
  spans: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  excerpt: z.string(),
  policyId: z.string().min(1),
  policyVersion: z.number().int().positive(),
});
export type Hit = z.infer<typeof hitSchema>;

/**
 * A message the active policies found something in (its text, or one of its images): published for
 * messages with hits only, each image's hits in an event of their own. Empty hits stay valid: earlier
 * versions announced every message, and those events may still wait on the topic after an upgrade.
 */
export const chatMessageClassifiedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  message: chatMessageSchema,
  /** The employee whose conduct the message shows: the sender, or the employee a customer wrote to; empty when none. */
  employeeId: z.string(),
  hits: z.array(hitSchema),
});
export type ChatMessageClassified = z.infer<typeof chatMessageClassifiedSchema>;

export const chatMessageClassifiedV1 = defineTopic<ChatMessageClassified>({
  name: 'chat.message.classified.v1',
  schemaVersion: 1,
  schema: chatMessageClassifiedSchema,
  keyOf: (e) => e.message.conversationId,
});
