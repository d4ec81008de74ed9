import type { AlertChanged, AlertRaised } from '@chatvault/contracts';
import type { ReviewedAlert } from './archive-store';

/** The alert.changed.v1 event of a change the store applied; `eventId` names the change so a retried publish dedupes. */
export function alertChangedEvent(alert: ReviewedAlert, change: AlertChanged['change'], actor: string, eventId: string): AlertChanged {
  return {
    eventId,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    alertId: alert.alertId,
    corpId: alert.corpId,
    employeeId: alert.employeeId,
    change,
    actor,
    status: alert.status,
    resolution: alert.resolution,
    assignee: alert.assignee,
    severity: alert.severity,
    hitCount: alert.hitCount,
    version: alert.version,
  };
}

/**
 * The alert.raised.v1 event of an alert the store opened: everything a notification tells, so its
 * readers need not read the alert again. `eventId` names the alert so a repeated announcement dedupes.
 */
export function alertRaisedEvent(alert: ReviewedAlert): AlertRaised {
  return {
    eventId: `alert:${alert.alertId}`,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    alertId: alert.alertId,
    corpId: alert.corpId,
    employeeId: alert.employeeId,
    conversationId: alert.conversationId,
    ruleId: alert.ruleId,
    category: alert.category,
    severity: alert.severity,
    msgids: alert.msgids,
    excerpt: alert.excerpt,
    policyId: alert.policyId,
    policyVersion: alert.policyVersion,
    hitCount: alert.hitCount,
    createdAt: new Date(alert.createdAt).toISOString(),
  };
}
