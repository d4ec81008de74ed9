import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessageClassifiedV1, type ChatMessageClassified } from '@chatvault/contracts';
import type { MessageBus } from '@chatvault/bus';
import type { Cache } from '@chatvault/cache';
import { createLogger } from '@chatvault/platform';
import type { ArchiveStore } from '@chatvault/store';
import { WebhookReceiver, chatMessage, waitFor } from '@chatvault/testing';
import { AlertRaiser } from '../alert-raiser';
import { ChannelSenders } from '../delivery/channel-senders';
import { AlertNotifier, throttleKey } from './alert-notifier';
import { NotificationSender } from './notification-sender';
import { NOTIFY_STACKS, type NotifyTestStack } from './notify-test-stack';
import { RoutingSnapshot } from './routing-snapshot';
import { ThrottleSummarizer } from './throttle-summarizer';

const logger = createLogger('silent');
const HITS = 10_000;
const CONVERSATIONS = 100;
const LIMIT = 5;
const NOW = Date.parse('2026-11-25T10:00:00+08:00');

/** A compromised account sending the same offending line to many customers as fast as it can. */
describe.each(NOTIFY_STACKS)('a burst of hits from one account on %s', (_name, open) => {
  let stack: NotifyTestStack;
  let bus: MessageBus;
  let store: ArchiveStore;
  let cache: Cache;
  let channelId: string;
  let summarizer: ThrottleSummarizer;
  let now = NOW;
  const receiver = new WebhookReceiver();
  const corpId = `ww${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    stack = await open({ ALERT_THROTTLE_LIMIT: String(LIMIT) });
    const { config } = stack;
    ({ store, cache, bus } = stack);
    channelId = (await store.routing.saveChannel({ id: randomUUID(), name: 'SOC', kind: 'webhook', enabled: true, minSeverity: 'info', settings: { url: await receiver.start(), secret: 's'.repeat(32) }, version: 0, updatedAt: NOW, updatedBy: 'test' }, 0)).id;
    const clock = () => now;
    const routing = new RoutingSnapshot(store.routing, () => Date.now());
    await new AlertRaiser(bus, store, clock, config).onModuleInit();
    await new AlertNotifier(bus, store, cache, routing, clock, config).onModuleInit();
    await new NotificationSender(bus, store, routing, new ChannelSenders(config), clock).onModuleInit();
    summarizer = new ThrottleSummarizer(bus, store, cache, routing, clock, config, logger);
    await bus.start();
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await receiver.stop();
  });

  it('becomes one alert per conversation with the count, a few notifications and one summary, not thousands of messages', async () => {
    const events: ChatMessageClassified[] = Array.from({ length: HITS }, (_, i) => {
      const msgid = `burst-${i}`;
      const conversationId = `single:wmVictim${i % CONVERSATIONS}|compromised`;
      return {
        eventId: `classified:${msgid}`,
        occurredAt: new Date(NOW).toISOString(),
        schemaVersion: 1,
        message: chatMessage({ corpId, msgid, conversationId, from: 'compromised' }),
        employeeId: 'compromised',
        hits: [{ hitId: `${msgid}:payment-to-personal`, ruleId: 'payment-to-personal', category: 'payment-diversion', severity: 'medium', source: 'text', spans: [], excerpt: '转到我个人账户', policyId: 'default-conduct', policyVersion: 1 }],
      };
    });
    for (let start = 0; start < HITS; start += 500) await bus.publish(chatMessageClassifiedV1, events.slice(start, start + 500));

    const filed = async () => (await store.alerts.list({ corpId, offset: 0, limit: 100 })).items;
    await waitFor(async () => (await filed()).reduce((sum, a) => sum + a.hitCount, 0) === HITS, { description: `all ${HITS} hits filed`, timeoutMs: 120_000 });
    const alerts = await filed();
    expect(alerts).toHaveLength(CONVERSATIONS);
    // Ten hits and more raise medium two levels.
    expect(alerts.every((a) => a.hitCount === HITS / CONVERSATIONS && a.severity === 'critical')).toBe(true);

    await waitFor(() => receiver.posted.length === LIMIT, { description: 'the notifications under the limit', timeoutMs: 30_000 });
    const throttled = async () => (await store.routing.uncovered({ status: 'throttled', createdBefore: now + 1, limit: HITS })).length;
    // Every alert's notification decided before the window ends: one still undecided would be sent then.
    await waitFor(async () => (await throttled()) === CONVERSATIONS - LIMIT, { description: 'the notifications over the limit held', timeoutMs: 30_000 });
    now = NOW + 60_000;
    await cache.delete(throttleKey(channelId, ''));
    expect(await summarizer.summarize()).toBe(1);
    await waitFor(() => receiver.posted.some((p) => p.json.kind === 'summary'), { description: 'the summary', timeoutMs: 30_000 });
    expect(receiver.posted).toHaveLength(LIMIT + 1);
    expect(receiver.posted.find((p) => p.json.kind === 'summary')!.json.data.withheld).toBe(CONVERSATIONS - LIMIT);
  }, 240_000);
});
