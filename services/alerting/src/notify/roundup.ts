import { alertNotificationV1, severitySchema, type AlertNotification, type NotificationRecipient, type Severity } from '@chatvault/contracts';
import type { MessageBus } from '@chatvault/bus';
import type { AlertChannelRecord, AlertDeliveryRecord, ArchiveStore } from '@chatvault/store';
import { categoryLabel } from './notice-labels';

/** One notification that stands for many alert deliveries: a throttle summary or a digest. */
export interface Roundup {
  kind: 'summary' | 'digest';
  deliveryId: string;
  corpId: string;
  channel: AlertChannelRecord;
  recipientKey: string;
  title: string;
  lines: string[];
  url: string;
  data: Record<string, unknown>;
  /** The worst of what it reports. */
  severity: Severity;
  /** The held or throttled deliveries it stands for. */
  covers: readonly AlertDeliveryRecord[];
}

/** Records the roundup as a delivery of its own, sends it, then marks what it covers. */
export async function sendRoundup(roundup: Roundup, store: ArchiveStore, bus: MessageBus, now: number): Promise<void> {
  const { severity } = roundup;
  await store.routing.addDeliveries([
    {
      deliveryId: roundup.deliveryId,
      alertId: null,
      corpId: roundup.corpId,
      channelId: roundup.channel.id,
      recipient: roundup.recipientKey,
      kind: roundup.kind,
      severity,
      category: '',
      employeeId: '',
      status: 'pending',
      attempts: 0,
      error: null,
      coveredBy: null,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  const notification: AlertNotification = {
    eventId: `notification:${roundup.deliveryId}`,
    occurredAt: new Date(now).toISOString(),
    schemaVersion: 1,
    deliveryId: roundup.deliveryId,
    corpId: roundup.corpId,
    channelId: roundup.channel.id,
    recipient: recipientOf(roundup.channel, roundup.recipientKey),
    kind: roundup.kind,
    alertId: null,
    severity,
    title: roundup.title,
    lines: roundup.lines,
    url: roundup.url,
    data: roundup.data,
  };
  await bus.publish(alertNotificationV1, [notification]);
  await store.routing.markCovered(
    roundup.covers.map((d) => d.deliveryId),
    roundup.deliveryId,
  );
}

/** Deliveries grouped by the channel and recipient they were for. */
export function byChannelAndRecipient(deliveries: readonly AlertDeliveryRecord[]): AlertDeliveryRecord[][] {
  const groups = new Map<string, AlertDeliveryRecord[]>();
  for (const d of deliveries) {
    const key = JSON.stringify([d.channelId, d.recipient]);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()];
}

/** `飞单/私单 (off-book-deal) 12、…`, the largest first. */
export function countLine(label: string, counts: Map<string, number>, name: (key: string) => string = categoryLabel, top = 8): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, top).map(([key, n]) => `${name(key)} ${n}`);
  return `${label}：${shown.join('、')}${sorted.length > top ? ` 等 ${sorted.length} 项` : ''}`;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function worstOf(severities: readonly Severity[]): Severity {
  const levels = severitySchema.options;
  return levels[Math.max(0, ...severities.map((s) => levels.indexOf(s)))]!;
}

function recipientOf(channel: AlertChannelRecord, key: string): NotificationRecipient | null {
  if (channel.kind === 'wecom-app') return { userid: key, name: '', email: '' };
  if (channel.kind === 'email') return { userid: '', name: '', email: key };
  return null;
}
