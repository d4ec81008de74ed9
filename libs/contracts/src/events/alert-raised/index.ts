import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { severitySchema } from '../../severity';

export const alertRaisedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  alertId: z.string().min(1),
  corpId: z.string().min(1),
  employeeId: z.string(),
  conversationId: z.string(),
  ruleId: z.string(),
  category: z.string(),
  severity: severitySchema,
  /** Empty for alerts raised by events rather than messages (a deleted customer, a capture gap). */
  msgids: z.array(z.string()),
  excerpt: z.string(),
  policyId: z.string(),
  policyVersion: z.number().int().nonnegative(),
  /** 1 when raised; more when the announcement is repeated after hits joined it. */
  hitCount: z.number().int().positive(),
  createdAt: z.string().datetime(),
});
export type AlertRaised = z.infer<typeof alertRaisedSchema>;

export const alertRaisedV1 = defineTopic<AlertRaised>({
  name: 'alert.raised.v1',
  schemaVersion: 1,
  schema: alertRaisedSchema,
  keyOf: (e) => e.employeeId || e.corpId,
});
