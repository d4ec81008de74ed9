import type { AlertNotification, ChannelKind, ChannelSettings, Severity } from '@chatvault/contracts';

/** A valid notification of one alert to one person, with Chinese lines as alerting writes them; override what a test is about. */
export function alertNotification(overrides: Partial<AlertNotification> = {}): AlertNotification {
  return {
    eventId: 'notification-event-1',
    occurredAt: '2026-11-29T02:00:00.000Z',
    schemaVersion: 1,
    deliveryId: 'delivery-1',
    corpId: 'wwfakecorp0000001',
    channelId: 'channel-1',
    recipient: { userid: 'lisi', name: '李四', email: 'lisi@example.com' },
    kind: 'alert',
    alertId: 'alert-1',
    severity: 'high',
    title: '疑似飞单：张三 与 客户A',
    lines: ['规则：飞单（私下交易）', '员工：张三（销售部）', '时间：2026-11-29 10:00', '证据：“我们私下转账吧，别走公司”'],
    url: 'https://chatvault.example.com/alerts/alert-1',
    data: { hitCount: 1 },
    ...overrides,
  };
}

/** A saved, enabled channel of every severity, shaped as the store's AlertChannelRecord that senders receive. */
export function alertChannel<K extends ChannelKind>(kind: K, name: string, settings: ChannelSettings<K>) {
  return { id: `channel-${kind}`, kind, name, enabled: true, minSeverity: 'info' as Severity, settings, version: 1, updatedAt: 0, updatedBy: 'admin' };
}
