import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  alertChangedV1,
  alertRaisedV1,
  captureProblemV1,
  chatMessageClassifiedV1,
  relationshipClassifiedV1,
  type AlertChanged,
  type AlertRaised,
  type CaptureProblem,
  type ChatMessageClassified,
  type Hit,
  type RelationshipClassified,
} from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { TypeormArchiveStore } from '@chatvault/store';
import { createLogger, loadConfig } from '@chatvault/platform';
import { chatMessage, waitFor } from '@chatvault/testing';
import { AlertRaiser, groupSeverity } from './alert-raiser';

const logger = createLogger('silent');

describe('AlertRaiser', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let store: TypeormArchiveStore;
  let announced: AlertRaised[];
  let changed: AlertChanged[];
  let now: number;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alerting-'));
    bus = new InProcessBus({ log: new MemoryBusLog(), logger, retryBackoff: { initialMs: 1, maxMs: 5 } });
    store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'chatvault.db') }, logger);
    await store.migrate();
    announced = [];
    changed = [];
    now = 1_767_225_600_000;
    await new AlertRaiser(bus, store, () => now, loadConfig({ ALERT_GROUPING_WINDOW_MINUTES: '30' })).onModuleInit();
    await bus.subscribe(alertRaisedV1, { group: 'watch' }, async ({ value }) => void announced.push(value));
    await bus.subscribe(alertChangedV1, { group: 'watch' }, async ({ value }) => void changed.push(value));
    await bus.start();
  });

  afterEach(async () => {
    await bus.stop();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('raises one alert per hit of a judged relationship change, once however often it arrives', async () => {
    const event: RelationshipClassified = {
      eventId: 'classified:rel-1',
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      change: { corpId: 'corp', occurredAt: 1, type: 'group-created', chatId: 'wrRoom1', ownerId: 'zhangsan', members: [{ id: 'wmA', kind: 'external' }] },
      employeeId: 'zhangsan',
      hits: [
        { hitId: 'rel-1:private-group', ruleId: 'private-group', category: 'private-group', severity: 'medium', source: 'text', spans: [], excerpt: 'zhangsan created group wrRoom1 with 1 customer(s) and no colleague', policyId: 'default-conduct', policyVersion: 1 },
      ],
    };
    await bus.publish(relationshipClassifiedV1, [event, event]);

    await waitFor(() => announced.length === 2, { description: 'both announcements' });
    const { items } = await store.alerts.list({ corpId: 'corp', offset: 0, limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ alertId: 'rel-1:private-group', employeeId: 'zhangsan', conversationId: 'room:wrRoom1', category: 'private-group', msgids: [], policyVersion: 1 });
  });

  it('turns a capture problem into an alert whose severity says what it risks', async () => {
    const problem = (kind: CaptureProblem['kind'], eventId: string): CaptureProblem => ({
      eventId,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      corpId: 'corp',
      kind,
      detail: `${kind}: seq 101–140 missing`,
      seqFrom: 101,
      seqTo: 140,
      count: 40,
    });
    await bus.publish(captureProblemV1, [problem('seq-gap', 'gap-1'), problem('pull-failing', 'pull-1')]);

    await waitFor(() => announced.length === 2, { description: 'two capture alerts' });
    const { items } = await store.alerts.list({ corpId: 'corp', offset: 0, limit: 10 });
    const byRule = new Map(items.map((a) => [a.ruleId, a]));
    expect(byRule.get('capture.seq-gap')).toMatchObject({ category: 'capture-problem', severity: 'high', excerpt: 'seq-gap: seq 101–140 missing', msgids: [] });
    expect(byRule.get('capture.pull-failing')).toMatchObject({ severity: 'critical' });
  });

  describe('grouping', () => {
    const hit = (msgid: string, ruleId = 'private-deal', severity: Hit['severity'] = 'medium'): Hit => ({
      hitId: `${msgid}:${ruleId}`,
      ruleId,
      category: 'off-book',
      severity,
      source: 'text',
      spans: [],
      excerpt: `${msgid} 私下交易`,
      policyId: 'default-conduct',
      policyVersion: 2,
    });
    const classified = (msgid: string, hits: Hit[], conversationId = 'single:wmA:zhangsan'): ChatMessageClassified => ({
      eventId: `classified:${msgid}`,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      message: chatMessage({ corpId: 'corp', msgid, conversationId }),
      employeeId: 'zhangsan',
      hits,
    });
    const alerts = async () => (await store.alerts.list({ corpId: 'corp', offset: 0, limit: 50 })).items;

    it('files hits of one employee, rule and conversation within the window under one alert listing each, escalating with their number', async () => {
      for (const n of [1, 2, 3]) {
        now += 60_000;
        await bus.publish(chatMessageClassifiedV1, [classified(`m${n}`, [hit(`m${n}`)])]);
        await waitFor(async () => (await store.alerts.hits('m1:private-deal')).length === n, { description: `hit ${n} filed` });
      }
      const [alert] = await alerts();
      expect(alert).toMatchObject({ alertId: 'm1:private-deal', hitCount: 3, msgids: ['m1', 'm2', 'm3'], severity: 'high' });
      expect((await store.alerts.hits(alert!.alertId)).map((h) => h.msgid)).toEqual(['m1', 'm2', 'm3']);
      await waitFor(() => announced.length === 1 && changed.length === 2, { description: 'one raise and two hit-added changes' });
      expect(changed.map((c) => [c.change, c.hitCount, c.severity])).toEqual([
        ['hit-added', 2, 'medium'],
        ['hit-added', 3, 'high'],
      ]);
    });

    it('changes nothing for a redelivered hit, and keeps other rules, conversations and later hits apart', async () => {
      await bus.publish(chatMessageClassifiedV1, [classified('m1', [hit('m1'), hit('m1', 'abuse')])]);
      await bus.publish(chatMessageClassifiedV1, [classified('m1', [hit('m1'), hit('m1', 'abuse')])]);
      await bus.publish(chatMessageClassifiedV1, [classified('m2', [hit('m2')], 'single:wmB:zhangsan')]);
      await waitFor(async () => (await alerts()).length === 3, { description: 'three alerts' });
      now += 31 * 60_000;
      await bus.publish(chatMessageClassifiedV1, [classified('m3', [hit('m3')])]);
      await waitFor(async () => (await alerts()).length === 4, { description: 'a fourth alert after the window' });
      expect((await alerts()).every((a) => a.hitCount === 1)).toBe(true);
      expect(changed).toEqual([]);
    });
  });

  it('raises the severity one level from three hits and two from ten, never past critical', () => {
    expect([1, 2, 3, 9, 10, 500].map((n) => groupSeverity(n, 'low'))).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
    expect(groupSeverity(3, 'critical')).toBe('critical');
    expect(groupSeverity(10, 'high')).toBe('critical');
  });
});
