import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertChannelRecord, AlertDeliveryRecord, AlertRouteRecord, ArchiveStore } from './archive-store';

const AT = 1_767_225_600_000;

function webhook(id: string, name = `webhook ${id}`): AlertChannelRecord {
  return { id, name, kind: 'webhook', enabled: true, minSeverity: 'medium', settings: { url: 'https://siem.example.com/hook', secret: 's'.repeat(32) }, version: 0, updatedAt: AT, updatedBy: 'admin' };
}

function route(id: string, corpId: string): AlertRouteRecord {
  return { id, corpId, name: `route ${id}`, enabled: true, match: { minSeverity: 'high', departmentIds: ['2'] }, recipients: ['wangwu'], version: 0, updatedAt: AT, updatedBy: 'admin' };
}

function delivery(deliveryId: string, changes: Partial<AlertDeliveryRecord> = {}): AlertDeliveryRecord {
  return { deliveryId, alertId: 'alert-1', corpId: 'corp', channelId: 'ch', recipient: 'lisi', kind: 'alert', severity: 'high', category: 'off-book-deal', employeeId: 'zhangsan', status: 'pending', attempts: 0, error: null, coveredBy: null, createdAt: AT, updatedAt: AT, ...changes };
}

/** The semantics of `ArchiveStore.routing`, run against every database the store supports. */
export function describeAlertRoutingConformance(name: string, open: () => Promise<ArchiveStore>): void {
  describe(`AlertRouting conformance: ${name}`, () => {
    let store: ArchiveStore;
    const unique = () => randomUUID();
    beforeAll(async () => {
      store = await open();
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
    });

    it('creates a channel at version 1, settings and all, and replaces it only from the version it read', async () => {
      const id = unique();
      const created = await store.routing.saveChannel(webhook(id), 0);
      expect(created).toEqual({ ...webhook(id), version: 1 });
      expect(await store.routing.findChannel(id)).toEqual(created);
      const renamed = await store.routing.saveChannel({ ...created, name: '安全运营 SIEM', enabled: false, throttleLimit: 500 }, 1);
      expect(renamed).toEqual({ ...created, version: 2, name: '安全运营 SIEM', enabled: false, throttleLimit: 500 });
      await expect(store.routing.saveChannel({ ...created, name: 'lost update' }, 1)).rejects.toMatchObject({ reason: 'stale_version', code: 'conflict' });
      await expect(store.routing.saveChannel(webhook(id), 0)).rejects.toThrow(/is at version 2, not 0/);
      await expect(store.routing.saveChannel(webhook(unique()), 3)).rejects.toThrow(/does not exist/);
      expect((await store.routing.findChannel(id))?.name).toBe('安全运营 SIEM');
    });

    it('lets exactly one of two editors of the same version win', async () => {
      const id = unique();
      const created = await store.routing.saveChannel(webhook(id), 0);
      const outcomes = await Promise.allSettled([store.routing.saveChannel({ ...created, name: 'a' }, 1), store.routing.saveChannel({ ...created, name: 'b' }, 1)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    });

    it('lists channels by name and deletes them', async () => {
      const [a, b] = [unique(), unique()];
      await store.routing.saveChannel(webhook(b, `zz ${b}`), 0);
      await store.routing.saveChannel(webhook(a, `aa ${a}`), 0);
      const names = (await store.routing.listChannels()).map((c) => c.name);
      expect(names.indexOf(`aa ${a}`)).toBeLessThan(names.indexOf(`zz ${b}`));
      expect(await store.routing.deleteChannel(a)).toBe(true);
      expect(await store.routing.deleteChannel(a)).toBe(false);
      expect(await store.routing.findChannel(a)).toBeNull();
    });

    it('keeps routes per corp with their match and recipients', async () => {
      const corpId = unique();
      const id = unique();
      const created = await store.routing.saveRoute(route(id, corpId), 0);
      expect(created).toEqual({ ...route(id, corpId), version: 1 });
      await store.routing.saveRoute(route(unique(), unique()), 0);
      expect(await store.routing.listRoutes(corpId)).toEqual([created]);
      expect((await store.routing.listRoutes()).length).toBeGreaterThanOrEqual(2);
      await expect(store.routing.saveRoute({ ...created, recipients: ['x'] }, 0)).rejects.toMatchObject({ reason: 'stale_version' });
      expect(await store.routing.deleteRoute(id)).toBe(true);
      expect(await store.routing.findRoute(id)).toBeNull();
    });

    it('records a delivery once, answers what is stored, moves it on, and lists an alert\'s deliveries oldest first', async () => {
      const alertId = unique();
      const [first, second] = [delivery(unique(), { alertId, createdAt: AT + 1 }), delivery(unique(), { alertId, createdAt: AT + 2, recipient: '' })];
      expect(await store.routing.addDeliveries([second, first])).toEqual([second, first]);
      const third = delivery(unique(), { alertId, createdAt: AT + 3 });
      expect(await store.routing.addDeliveries([third, { ...first, status: 'held' }])).toEqual([third, first]);
      await store.routing.updateDelivery(first.deliveryId, { status: 'failed', attempts: 5, error: 'webhook answered 500', updatedAt: AT + 9 });
      await store.routing.updateDelivery('no-such-delivery', { status: 'sent', attempts: 1, error: null, updatedAt: AT });
      expect(await store.routing.deliveries(alertId)).toEqual([{ ...first, status: 'failed', attempts: 5, error: 'webhook answered 500', updatedAt: AT + 9 }, second, third]);
      expect(await store.routing.findDelivery(second.deliveryId)).toEqual(second);
      expect(await store.routing.findDelivery('no-such-delivery')).toBeNull();
    });

    it('finds held and throttled deliveries until a summary or digest covers them', async () => {
      const early = AT - 10_000_000 - Math.floor(Math.random() * 1_000_000);
      const held = delivery(unique(), { status: 'held', createdAt: early });
      const throttled = delivery(unique(), { status: 'throttled', createdAt: early });
      const late = delivery(unique(), { status: 'held', createdAt: AT + 5_000 });
      await store.routing.addDeliveries([held, throttled, late]);
      const heldIds = async () => (await store.routing.uncovered({ status: 'held', createdBefore: AT, limit: 10_000 })).map((d) => d.deliveryId);
      expect(await heldIds()).toContain(held.deliveryId);
      expect(await heldIds()).not.toContain(late.deliveryId);
      expect(await heldIds()).not.toContain(throttled.deliveryId);
      await store.routing.markCovered([held.deliveryId], 'digest-1');
      await store.routing.markCovered([held.deliveryId], 'digest-2');
      expect(await heldIds()).not.toContain(held.deliveryId);
      expect((await store.routing.findDelivery(held.deliveryId))?.coveredBy).toBe('digest-1');
    });

    it('lists what was routed to people in an interval', async () => {
      const at = AT + 50_000_000 + Math.floor(Math.random() * 1_000_000);
      const person = delivery(unique(), { createdAt: at, status: 'sent' });
      const endpoint = delivery(unique(), { createdAt: at, recipient: '' });
      const digest = delivery(unique(), { createdAt: at, kind: 'digest', alertId: null });
      await store.routing.addDeliveries([person, endpoint, digest, delivery(unique(), { createdAt: at + 10 })]);
      expect((await store.routing.routedBetween(at, at + 10)).map((d) => d.deliveryId)).toEqual([person.deliveryId]);
    });
  });
}
