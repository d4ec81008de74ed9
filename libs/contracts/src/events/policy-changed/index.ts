import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';

/** A policy was saved, enabled or disabled: every classifier reloads the stored policies. */
export const policyChangedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  policyId: z.string().min(1),
  version: z.number().int().positive(),
  enabled: z.boolean(),
  savedBy: z.string(),
});
export type PolicyChanged = z.infer<typeof policyChangedSchema>;

export const policyChangedV1 = defineTopic<PolicyChanged>({
  name: 'classification.policy.changed.v1',
  schemaVersion: 1,
  schema: policyChangedSchema,
  keyOf: (e) => e.policyId,
});
