import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { alertRaisedV1, chatMessageClassifiedV1, type ChatMessageClassified, type Hit } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type AlertRecord, type ArchiveStore } from '@chatvault/store';
import { counter } from '@chatvault/platform';

const raised = counter('chatvault_alerts_raised_total', 'Alerts created', ['category', 'severity']);

/**
 * Turns each hit into an alert once: the alert id derives from the hit, so a redelivered
 * classification finds its alert already stored and only announces it again.
 */
@Injectable()
export class AlertRaiser implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(chatMessageClassifiedV1, { group: 'alerting' }, ({ value }) => this.raise(value));
  }

  async raise(event: ChatMessageClassified): Promise<void> {
    for (const hit of event.hits) {
      const alert = toAlert(event, hit, Date.now());
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

function toAlert(event: ChatMessageClassified, hit: Hit, now: number): AlertRecord {
  const { message } = event;
  return {
    alertId: hit.hitId,
    dedupKey: hit.hitId,
    corpId: message.corpId,
    employeeId: event.employeeId,
    conversationId: message.conversationId,
    ruleId: hit.ruleId,
    category: hit.category,
    severity: hit.severity,
    msgids: [message.msgid],
    excerpt: hit.excerpt,
    policyId: hit.policyId,
    policyVersion: hit.policyVersion,
    status: 'new',
    createdAt: now,
  };
}
