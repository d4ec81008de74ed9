import { z } from 'zod';
import type { Severity } from './severity';

/**
 * The review workflow of an alert, shared by the API (reviewers' actions) and alerting (SLA
 * escalation) so both apply the same rules. Pure: no I/O, no clock.
 */
export const alertStatusSchema = z.enum(['new', 'acknowledged', 'in_review', 'escalated', 'resolved']);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

export const alertResolutionSchema = z.enum(['confirmed_violation', 'false_positive', 'no_action_needed']);
export type AlertResolution = z.infer<typeof alertResolutionSchema>;

const ALLOWED: Record<AlertStatus, readonly AlertStatus[]> = {
  new: ['acknowledged', 'escalated'],
  acknowledged: ['in_review', 'escalated'],
  in_review: ['resolved', 'escalated'],
  escalated: ['in_review', 'resolved'],
  resolved: [],
};

export type TransitionCheck = { allowed: true } | { allowed: false; reason: string };

/** Whether an alert in `from` may move to `to`, and if not, why in words a reviewer understands. */
export function checkTransition(from: AlertStatus, to: AlertStatus, resolution?: AlertResolution): TransitionCheck {
  if (from === 'resolved') return { allowed: false, reason: `the alert is already resolved` };
  if (!ALLOWED[from].includes(to)) {
    return { allowed: false, reason: `an alert in status ${from} cannot move to ${to}; allowed: ${ALLOWED[from].join(', ')}` };
  }
  if (to === 'resolved' && resolution === undefined) return { allowed: false, reason: 'resolving needs a resolution' };
  if (to !== 'resolved' && resolution !== undefined) return { allowed: false, reason: `only resolving takes a resolution, not moving to ${to}` };
  return { allowed: true };
}

/** Statuses the SLA clock runs in: escalated alerts already went up, resolved ones are closed. */
export const SLA_STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'in_review'];

const HOUR_MS = 3_600_000;

/** Time from raising to resolution before an alert is escalated; info alerts have none. */
export const RESOLUTION_SLA_MS: Readonly<Record<Severity, number | null>> = {
  critical: HOUR_MS,
  high: 4 * HOUR_MS,
  medium: 24 * HOUR_MS,
  low: 72 * HOUR_MS,
  info: null,
};
