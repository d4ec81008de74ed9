import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { severitySchema } from '../../severity';
import { alertResolutionSchema, alertStatusSchema } from '../../alert-workflow';

/**
 * Everything that happens to an alert after alert.raised.v1, with the alert's state after it, so a SIEM
 * or dashboard can follow alerts from the topic alone.
 */
export const alertChangedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  alertId: z.string().min(1),
  corpId: z.string().min(1),
  employeeId: z.string(),
  /** hit-added: another hit of the alert's group; the severity may have risen with it. */
  change: z.enum(['hit-added', 'transitioned', 'commented']),
  /** Who made the change: `system:…` for ChatVault itself. */
  actor: z.string(),
  status: alertStatusSchema,
  resolution: alertResolutionSchema.nullable(),
  assignee: z.string().nullable(),
  severity: severitySchema,
  hitCount: z.number().int().positive(),
  /** The review version after the change. */
  version: z.number().int().positive(),
});
export type AlertChanged = z.infer<typeof alertChangedSchema>;

export const alertChangedV1 = defineTopic<AlertChanged>({
  name: 'alert.changed.v1',
  schemaVersion: 1,
  schema: alertChangedSchema,
  keyOf: (e) => e.alertId,
});
