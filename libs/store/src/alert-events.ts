import type { AlertChanged } from '@chatvault/contracts';
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
