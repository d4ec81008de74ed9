import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PERSON_CHANNEL_KINDS, alertNotificationV1, alertRaisedV1, type AlertNotification, type AlertRaised } from '@chatvault/contracts';
import { MESSAGE_BUS, type Delivery, type MessageBus } from '@chatvault/bus';
import { CACHE, type Cache } from '@chatvault/cache';
import { ARCHIVE_STORE, type AlertDeliveryRecord, type ArchiveStore, type DirectoryDepartment } from '@chatvault/store';
import { CONFIG, counter, type Config } from '@chatvault/platform';
import { ALERTING_CLOCK, type Clock } from '../sla-escalator';
import { alertLink } from './alert-link';
import { alertNotice, alertParties, type AlertParties } from './alert-notice';
import { AlertRecipients, atLeast } from './alert-recipients';
import { isQuiet, parseQuietHours, type QuietHours } from './china-time';
import { deliveryIdOf, deliveryTargets, type DeliveryTarget } from './delivery-targets';
import { DepartmentSnapshot } from './department-snapshot';
import { RoutingSnapshot } from './routing-snapshot';

const planned = counter('chatvault_alert_notifications_planned_total', 'Notifications of new alerts by channel kind and what became of them', ['kind', 'status']);

export const ROUTING_SNAPSHOT = Symbol('RoutingSnapshot');

/**
 * Turns each new alert into notifications: to the employee's managers and routed recipients on
 * every person channel, and to every endpoint channel, each recorded as a delivery. Below critical,
 * what would reach people one by one in quiet hours is held for their digest; past a recipient's throttle limit a
 * notification is held for the next summary. The rest go out on alert.notification.v1.
 */
@Injectable()
export class AlertNotifier implements OnModuleInit {
  private readonly quietHours: QuietHours | undefined;
  private readonly recipients: AlertRecipients;
  private readonly departments: DepartmentSnapshot;
  private readonly throttleWindowMs: number;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(ROUTING_SNAPSHOT) private readonly routing: RoutingSnapshot,
    @Inject(ALERTING_CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.quietHours = config.ALERT_QUIET_HOURS ? (parseQuietHours(config.ALERT_QUIET_HOURS) ?? undefined) : undefined;
    this.recipients = new AlertRecipients(store.directory);
    this.departments = new DepartmentSnapshot(store.directory, clock);
    this.throttleWindowMs = config.ALERT_THROTTLE_WINDOW_MINUTES * 60_000;
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(alertRaisedV1, { group: 'alert-notifier' }, (delivery) => this.notify(delivery));
  }

  private async notify(delivery: Delivery<AlertRaised>): Promise<void> {
    // The announcement carries the alert as opened: reading it again would only delay the first notification.
    const alert = delivery.value;
    const { channels, routes } = await this.routing.current();
    const usable = channels.filter((c) => c.enabled && atLeast(alert.severity, c.minSeverity) && (c.kind !== 'wecom-app' || c.settings.corpId === alert.corpId));
    if (usable.length === 0) return;
    const now = this.clock();
    const endpointTargets = deliveryTargets(usable.filter((c) => !PERSON_CHANNEL_KINDS.includes(c.kind)), []);
    // Endpoints need no recipients: their throttle counts are taken while the directory is read.
    const [endpointStatuses, { departments, parties }] = await Promise.all([this.statusesOf(alert, endpointTargets, now), this.partiesOf(alert)]);
    const personChannels = usable.filter((c) => PERSON_CHANNEL_KINDS.includes(c.kind));
    const personTargets = personChannels.length === 0 ? [] : deliveryTargets(personChannels, await this.recipients.resolve(alert, parties.employee, departments, routes));
    const targets = [...endpointTargets, ...personTargets];
    const statuses = [...endpointStatuses, ...(await this.statusesOf(alert, personTargets, now))];
    // A redelivered alert finds its deliveries recorded: only those still pending go out again.
    const stored = await this.store.routing.addDeliveries(targets.map((target, i) => this.record(alert, target, statuses[i]!, now)));
    for (const record of stored) planned.inc({ kind: usable.find((c) => c.id === record.channelId)!.kind, status: record.status });
    const sending = targets.filter((_, i) => stored[i]!.status === 'pending');
    if (sending.length === 0) return;
    const notice = alertNotice(alert, parties, alertLink(this.config, alert.alertId));
    const notifications = sending.map(
      (target): AlertNotification => ({
        eventId: `notification:${deliveryIdOf(alert.alertId, target)}`,
        occurredAt: new Date(now).toISOString(),
        schemaVersion: 1,
        deliveryId: deliveryIdOf(alert.alertId, target),
        corpId: alert.corpId,
        channelId: target.channel.id,
        recipient: target.recipient,
        kind: 'alert',
        alertId: alert.alertId,
        ...notice,
      }),
    );
    await this.bus.publish(alertNotificationV1, notifications, { causedBy: notifications.map(() => delivery) });
  }

  private async partiesOf(alert: AlertRaised): Promise<{ departments: ReadonlyMap<string, DirectoryDepartment>; parties: AlertParties }> {
    const departments = await this.departments.of(alert.corpId);
    return { departments, parties: await alertParties(alert, this.store.directory, departments) };
  }

  private statusesOf(alert: AlertRaised, targets: readonly DeliveryTarget[], now: number): Promise<AlertDeliveryRecord['status'][]> {
    return Promise.all(targets.map((target) => this.statusOf(alert, target, now)));
  }

  private async statusOf(alert: AlertRaised, target: DeliveryTarget, now: number): Promise<AlertDeliveryRecord['status']> {
    // Only channels that reach people one by one have a digest to hold for; a critical alert wakes them.
    if (PERSON_CHANNEL_KINDS.includes(target.channel.kind) && alert.severity !== 'critical' && isQuiet(this.quietHours, now)) return 'held';
    const sent = await this.cache.increment(throttleKey(target.channel.id, target.recipientKey), this.throttleWindowMs);
    return sent > (target.channel.throttleLimit ?? this.config.ALERT_THROTTLE_LIMIT) ? 'throttled' : 'pending';
  }

  private record(alert: AlertRaised, target: DeliveryTarget, status: AlertDeliveryRecord['status'], now: number): AlertDeliveryRecord {
    return {
      deliveryId: deliveryIdOf(alert.alertId, target),
      alertId: alert.alertId,
      corpId: alert.corpId,
      channelId: target.channel.id,
      recipient: target.recipientKey,
      kind: 'alert',
      severity: alert.severity,
      category: alert.category,
      employeeId: alert.employeeId,
      status,
      attempts: 0,
      error: null,
      coveredBy: null,
      createdAt: now,
      updatedAt: now,
    };
  }
}

/** Per channel and recipient: one flooded inbox does not silence the others. */
export function throttleKey(channelId: string, recipientKey: string): string {
  return `alert-throttle:${channelId}:${recipientKey}`;
}
