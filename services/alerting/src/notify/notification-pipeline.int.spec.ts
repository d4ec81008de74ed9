import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_LETTER_HEADERS, alertNotificationV1, alertRaisedV1, type Severity } from '@chatvault/contracts';
import { deadLetterTopic, type MessageBus } from '@chatvault/bus';
import type { Cache } from '@chatvault/cache';
import { createLogger } from '@chatvault/platform';
import { alertRaisedEvent, type AlertChannelRecord, type AlertRecord, type ArchiveStore } from '@chatvault/store';
import { WebhookReceiver, openingHit, waitFor } from '@chatvault/testing';
import { ChannelSenders } from '../delivery/channel-senders';
import { WEBHOOK_HEADERS, verifyWebhook } from '../delivery/webhook-signature';
import { AlertNotifier, throttleKey } from './alert-notifier';
import { NotificationSender, SEND_ATTEMPTS } from './notification-sender';
import { RoutingSnapshot } from './routing-snapshot';
import { NOTIFY_STACKS, offBookAlert, type NotifyTestStack } from './notify-test-stack';
import { ThrottleSummarizer } from './throttle-summarizer';

const logger = createLogger('silent');
const SECRET = 'webhook-secret-0123456789abcdef';
/** 10:00 UTC+8 on a Wednesday. */
const NOW = Date.parse('2026-11-25T10:00:00+08:00');
const THROTTLE_LIMIT = 3;

describe.each(NOTIFY_STACKS)('alert notifications on %s', (_name, open) => {
  let stack: NotifyTestStack;
  let bus: MessageBus;
  let store: ArchiveStore;
  let cache: Cache;
  let receiver: WebhookReceiver;
  let channel: AlertChannelRecord;
  let summarizer: ThrottleSummarizer;
  const deadLetters: { value: any; headers: Record<string, string> }[] = [];
  const corpId = `ww${randomUUID().slice(0, 8)}`;
  let now = NOW;

  async function raise(severity: Severity = 'high', employeeId = 'zhangsan'): Promise<AlertRecord> {
    const alert = offBookAlert(corpId, employeeId, severity, NOW);
    const filed = await store.alerts.fileHit(openingHit(alert));
    await bus.publish(alertRaisedV1, [alertRaisedEvent(filed.alert)]);
    return alert;
  }

  beforeAll(async () => {
    stack = await open({ ALERT_THROTTLE_LIMIT: String(THROTTLE_LIMIT) });
    const { config } = stack;
    ({ store, cache, bus } = stack);
    receiver = new WebhookReceiver();
    await receiver.start();
    await store.directory.saveDepartments(corpId, [{ id: '2', name: '华东销售', parentId: null, leaders: ['boss'] }], NOW);
    await store.directory.saveEmployees(corpId, [{ userid: 'zhangsan', name: '张三', departmentIds: ['2'], directLeaders: ['lisi'], email: '', status: 1 }], NOW);
    channel = await store.routing.saveChannel({ id: randomUUID(), name: 'SIEM', kind: 'webhook', enabled: true, minSeverity: 'medium', settings: { url: receiver.url, secret: SECRET }, version: 0, updatedAt: NOW, updatedBy: 'test' }, 0);
    const clock = () => now;
    const routing = new RoutingSnapshot(store.routing, () => Date.now());
    await new AlertNotifier(bus, store, cache, routing, clock, config).onModuleInit();
    await new NotificationSender(bus, store, routing, new ChannelSenders(config), clock).onModuleInit();
    summarizer = new ThrottleSummarizer(bus, store, cache, routing, clock, config, logger);
    await bus.subscribe(deadLetterTopic(alertNotificationV1), { group: 'test-dlt' }, async ({ value, headers }) => void deadLetters.push({ value, headers }));
    await bus.start();
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await receiver?.stop();
  });

  it('posts each alert at or above the channel\'s severity once, signed, and records it sent', async () => {
    const alert = await raise('high');
    await raise('low');
    await waitFor(async () => (await store.routing.deliveries(alert.alertId))[0]?.status === 'sent', { description: 'the delivery recorded as sent', timeoutMs: 30_000 });
    const posts = receiver.posted.filter((p) => p.json.alertId === alert.alertId);
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(verifyWebhook(SECRET, { timestamp: String(post!.headers[WEBHOOK_HEADERS.timestamp]), signature: String(post!.headers[WEBHOOK_HEADERS.signature]) }, post!.body, Date.now())).toBe(true);
    expect(verifyWebhook(SECRET, { timestamp: String(post!.headers[WEBHOOK_HEADERS.timestamp]), signature: String(post!.headers[WEBHOOK_HEADERS.signature]) }, post!.body.replace('飞单', '订单'), Date.now())).toBe(false);
    expect(post!.json).toMatchObject({ kind: 'alert', corpId, severity: 'high', title: '【高】飞单/私单 · 张三', data: { employeeName: '张三', excerpt: '这单我们走飞单，别走公司', policyVersion: 3 } });
    expect(post!.json.lines).toEqual(expect.arrayContaining(['员工：张三（华东销售）', '时间：2026-11-25 10:00:00', '证据：这单我们走飞单，别走公司']));
    expect(post!.json.url).toMatch(new RegExp(`/api/v1/alerts/${alert.alertId}$`));
    expect(post!.headers[WEBHOOK_HEADERS.delivery]).toBe(`${alert.alertId}|${channel.id}|`);
    expect(receiver.posted.filter((p) => p.json.severity === 'low')).toHaveLength(0);
  });

  it('retries a receiver that answers 500, then dead-letters the notification with its answer and marks the delivery failed', async () => {
    receiver.status = 500;
    try {
      const alert = await raise('critical');
      await waitFor(() => deadLetters.some((d) => d.value.alertId === alert.alertId), { description: 'the dead letter', timeoutMs: 60_000 });
      const dead = deadLetters.find((d) => d.value.alertId === alert.alertId)!;
      expect(dead.headers[DEAD_LETTER_HEADERS.error]).toContain('webhook SIEM answered 500: receiver is down for maintenance');
      expect(dead.headers[DEAD_LETTER_HEADERS.attempts]).toBe(String(SEND_ATTEMPTS));
      expect(receiver.posted.filter((p) => p.json.alertId === alert.alertId)).toHaveLength(SEND_ATTEMPTS);
      const [delivery] = await store.routing.deliveries(alert.alertId);
      expect(delivery).toMatchObject({ status: 'failed', attempts: SEND_ATTEMPTS, error: 'webhook SIEM answered 500: receiver is down for maintenance' });
      expect(await store.alerts.find(alert.alertId)).toMatchObject({ status: 'new' });
    } finally {
      receiver.status = 200;
    }
  }, 90_000);

  it('sends a flooded recipient no more than the throttle limit, then one summary with the count', async () => {
    await cache.delete(throttleKey(channel.id, ''));
    const before = receiver.posted.length;
    const burst: AlertRecord[] = [];
    for (let i = 0; i < 12; i++) burst.push(await raise('high', i % 2 ? 'zhangsan' : 'wangwu'));
    await waitFor(async () => (await Promise.all(burst.map((a) => store.routing.deliveries(a.alertId)))).flat().length === 12, { description: 'all 12 deliveries recorded', timeoutMs: 30_000 });
    const statuses = (await Promise.all(burst.map((a) => store.routing.deliveries(a.alertId)))).flat().map((d) => d.status);
    expect(statuses.filter((s) => s === 'throttled')).toHaveLength(12 - THROTTLE_LIMIT);
    await waitFor(() => receiver.posted.length - before === THROTTLE_LIMIT, { description: 'the posts under the limit' });

    now = NOW + 60_000;
    expect(await summarizer.summarize()).toBe(0);
    // The throttle window closing.
    await cache.delete(throttleKey(channel.id, ''));
    expect(await summarizer.summarize()).toBe(1);
    await waitFor(() => receiver.posted.some((p) => p.json.kind === 'summary'), { description: 'the summary' });
    const summary = receiver.posted.find((p) => p.json.kind === 'summary')!.json;
    expect(summary.title).toBe(`【节流】另有 ${12 - THROTTLE_LIMIT} 条告警未逐条发送`);
    expect(summary.data.withheld).toBe(12 - THROTTLE_LIMIT);
    expect(summary.lines).toEqual(expect.arrayContaining([`类别：飞单/私单 (off-book-deal) ${12 - THROTTLE_LIMIT}`]));
    expect(await summarizer.summarize()).toBe(0);
  }, 90_000);
});
