import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  alertRaisedV1,
  captureProblemV1,
  chatMessageClassifiedV1,
  relationshipClassifiedV1,
  type CaptureProblem,
  type ChatMessageClassified,
  type Hit,
  type RelationshipChange,
  type RelationshipClassified,
  type Severity,
} from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type AlertRecord, type ArchiveStore } from '@chatvault/store';
import { counter } from '@chatvault/platform';

const raised = counter('chatvault_alerts_raised_total', 'Alerts created', ['category', 'severity']);

/** What each kind of capture shortfall costs: a pull that keeps failing loses messages for good. */
const CAPTURE_SEVERITY: Record<CaptureProblem['kind'], Severity> = {
  'seq-gap': 'high',
  'decrypt-failed': 'high',
  'media-failed': 'medium',
  'pull-failing': 'critical',
};

/**
 * Turns each hit, and each capture problem ingest reports, into an alert once: the alert id derives
 * from what raised it, so a redelivered event finds its alert already stored and only announces it again.
 */
@Injectable()
export class AlertRaiser implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(chatMessageClassifiedV1, { group: 'alerting' }, ({ value }) => this.raise(messageAlerts(value, Date.now())));
    await this.bus.subscribe(relationshipClassifiedV1, { group: 'alerting' }, ({ value }) => this.raise(relationshipAlerts(value, Date.now())));
    await this.bus.subscribe(captureProblemV1, { group: 'alerting' }, ({ value }) => this.raise([captureAlert(value, Date.now())]));
  }

  private async raise(alerts: readonly AlertRecord[]): Promise<void> {
    for (const alert of alerts) {
      if (await this.store.alerts.insertIfAbsent(alert)) {
        raised.inc({ category: alert.category, severity: alert.severity });
      }
      await this.bus.publish(alertRaisedV1, [
        {
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
          createdAt: new Date(alert.createdAt).toISOString(),
        },
      ]);
    }
  }
}

function messageAlerts(event: ChatMessageClassified, now: number): AlertRecord[] {
  const { message } = event;
  return event.hits.map((hit) => hitAlert(hit, { corpId: message.corpId, employeeId: event.employeeId, conversationId: message.conversationId, msgids: [message.msgid] }, now));
}

function relationshipAlerts(event: RelationshipClassified, now: number): AlertRecord[] {
  const subject = { corpId: event.change.corpId, employeeId: event.employeeId, conversationId: conversationOf(event.change), msgids: [] };
  return event.hits.map((hit) => hitAlert(hit, subject, now));
}

/** One alert per hit; its id is the hit's, so a redelivered hit finds the alert it made. */
function hitAlert(hit: Hit, subject: Pick<AlertRecord, 'corpId' | 'employeeId' | 'conversationId' | 'msgids'>, now: number): AlertRecord {
  return {
    ...subject,
    alertId: hit.hitId,
    dedupKey: hit.hitId,
    ruleId: hit.ruleId,
    category: hit.category,
    severity: hit.severity,
    excerpt: hit.excerpt,
    policyId: hit.policyId,
    policyVersion: hit.policyVersion,
    status: 'new',
    createdAt: now,
  };
}

/** Group changes belong to the group's conversation; contact changes to no single one. */
function conversationOf(change: RelationshipChange): string {
  return 'chatId' in change ? `room:${change.chatId}` : '';
}

function captureAlert(problem: CaptureProblem, now: number): AlertRecord {
  return {
    alertId: `capture:${problem.eventId}`,
    dedupKey: `capture:${problem.eventId}`,
    corpId: problem.corpId,
    employeeId: '',
    conversationId: '',
    ruleId: `capture.${problem.kind}`,
    category: 'capture-problem',
    severity: CAPTURE_SEVERITY[problem.kind],
    msgids: problem.msgid ? [problem.msgid] : [],
    excerpt: problem.detail,
    policyId: 'chatvault.capture',
    policyVersion: 1,
    status: 'new',
    createdAt: now,
  };
}
