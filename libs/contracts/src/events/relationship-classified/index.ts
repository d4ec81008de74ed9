import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { hitSchema } from '../chat-message-classified';
import { relationshipChangeSchema, relationshipOwnerOf } from '../relationship-changed';

/** A relationship change as the event rules judged it (a deleted customer, a private group). */
export const relationshipClassifiedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  change: relationshipChangeSchema,
  /** The employee whose conduct the change shows; empty when none. */
  employeeId: z.string(),
  hits: z.array(hitSchema),
});
export type RelationshipClassified = z.infer<typeof relationshipClassifiedSchema>;

export const relationshipClassifiedV1 = defineTopic<RelationshipClassified>({
  name: 'wecom.relationship.classified.v1',
  schemaVersion: 1,
  schema: relationshipClassifiedSchema,
  keyOf: (e) => `${e.change.corpId}:${relationshipOwnerOf(e.change)}`,
});
