import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AlertRecord,
  ArchivedMessageRecord,
  ArchiveStore,
  AuditEntry,
  CaptureProblemRecord,
  ChainEntry,
  DaySeal,
  EnvelopeInput,
  NewApiKey,
  PolicyVersionRecord,
  ReviewedAlert,
} from './archive-store';
import type { ReadScope, Severity } from '@chatvault/contracts';
import { openingHit } from '@chatvault/testing';
import { reconcileDay } from './day-reconciliation';

const MSGTIME = 1_767_225_600_123;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function newCorp(): string {
  return `ww${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

function messageRecord(corpId: string, msgid: string, rawJson?: string): ArchivedMessageRecord {
  const raw = rawJson ?? JSON.stringify({ msgid, action: 'send', from: 'zhangsan', msgtype: 'text', text: { content: '你好' } });
  return {
    message: {
      corpId,
      msgid,
      action: 'send',
      msgtype: 'text',
      from: 'zhangsan',
      fromKind: 'employee',
      tolist: ['wmExternal01', 'lisi'],
      roomid: '',
      conversationId: 'single:lisi:zhangsan',
      msgtime: MSGTIME,
      text: '你好',
      knownType: true,
      media: [],
    },
    rawJson: raw,
    contentHash: sha256(raw),
    source: 'finance-sdk',
    archivedAt: MSGTIME + 5_000,
  };
}

function alertRecord(corpId: string, overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    alertId: randomUUID(),
    dedupKey: `${corpId}:${randomUUID()}`,
    groupKey: `${corpId}:${randomUUID()}`,
    corpId,
    employeeId: 'zhangsan',
    conversationId: 'single:wmExternal01:zhangsan',
    ruleId: 'kickback',
    category: 'bribery',
    severity: 'high',
    msgids: ['m-1', 'm-2'],
    excerpt: '回扣 "五个点" 😀',
    policyId: 'default',
    policyVersion: 3,
    status: 'new',
    createdAt: MSGTIME,
    ...overrides,
  };
}

/** How a freshly raised alert reads back: not reviewed yet. */
function unreviewed(alert: AlertRecord): ReviewedAlert {
  return { ...alert, status: 'new', version: 1, assignee: null, resolution: null, updatedAt: alert.createdAt, hitCount: 1, lastHitAt: alert.createdAt };
}

function msgids(corpId: string, from: number, to: number): ArchivedMessageRecord[] {
  const records: ArchivedMessageRecord[] = [];
  for (let i = from; i < to; i++) records.push(messageRecord(corpId, `msg-${String(i).padStart(6, '0')}`));
  return records;
}

/** Exactly what WeCom may send: key order, spacing, escapes and numbers no double can hold must survive. */
const RAW_RECORDS = [
  '{"msgid":"raw-1","action":"send","from":"张三","tolist":["wmAbC-外部联系人"],"text":{"content":"报价 \\"九五折\\"，今天有效 😀👍🏽"}}',
  '{ "msgid" : "raw-2",\n  "seq": 18446744073709551615, "msgtime": 1767225600123, "ratio": 1.50, "big": 123456789012345678901234567890 }',
  '{"msgid":"raw-3","text":{"content":"\\u4f60\\u597d\\n第二行\\t\\\\ 结束 \\/ \\ud83d\\ude00"},"empty":{},"list":[],"null":null}',
  '{"msgid":"raw-4","content":"𠀀𪚥 family 👨‍👩‍👧‍👦 rtl עברית zero-width\u200bjoiner"}',
];

/**
 * The semantics of the `ArchiveStore` port, checked against one adapter. `openStore` connects a new
 * store to the same database each time it is called; that database belongs to the calling test file.
 */
export function describeArchiveStoreConformance(name: string, openStore: () => Promise<ArchiveStore>): void {
  describe(`ArchiveStore conformance: ${name}`, () => {
    let store: ArchiveStore;
    beforeAll(async () => {
      store = await openStore();
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
    });

    describe('migrate', () => {
      it('is a no-op the second time, from this store or another, and keeps the data', async () => {
        const corpId = newCorp();
        const record = messageRecord(corpId, 'kept');
        await store.messages.insertNew([record]);
        await store.migrate();
        await store.migrate();
        const other = await openStore();
        try {
          await other.migrate();
          expect(await other.messages.find(corpId, 'kept')).toEqual(record);
        } finally {
          await other.close();
        }
        expect(await store.messages.count(corpId)).toBe(1);
      });

      it('lets concurrent calls on one store all succeed', async () => {
        await Promise.all([store.migrate(), store.migrate(), store.migrate()]);
        expect(await store.ping()).toBe(true);
      });
    });

    describe('messages', () => {
      it('gives the raw JSON back byte for byte', async () => {
        const corpId = newCorp();
        const records = RAW_RECORDS.map((raw, i) => messageRecord(corpId, `raw-${i + 1}`, raw));
        await store.messages.insertNew(records);
        for (const record of records) {
          const found = await store.messages.find(corpId, record.message.msgid);
          expect(found?.rawJson).toBe(record.rawJson);
          expect(Buffer.from(found?.rawJson ?? '', 'utf8').equals(Buffer.from(record.rawJson, 'utf8'))).toBe(true);
          expect(found?.contentHash).toBe(sha256(record.rawJson));
        }
      });

      it('marks a recalled message with its recall once, keeping the message as it was', async () => {
        const corpId = newCorp();
        const original = messageRecord(corpId, 'original');
        await store.messages.insertNew([original]);
        expect(await store.messages.markRecalled(corpId, 'original', 'recall-1')).toBe(true);
        expect(await store.messages.markRecalled(corpId, 'original', 'recall-2')).toBe(false);
        expect(await store.messages.markRecalled(corpId, 'never-archived', 'recall-3')).toBe(false);
        expect(await store.messages.find(corpId, 'original')).toEqual({ ...original, recalledBy: 'recall-1' });
      });

      it('returns every field of a record with its type, and null for a record never archived', async () => {
        const corpId = newCorp();
        const record: ArchivedMessageRecord = {
          ...messageRecord(corpId, 'typed'),
          message: {
            ...messageRecord(corpId, 'typed').message,
            action: 'recall',
            msgtype: 'revoke',
            from: 'wmExternal01',
            fromKind: 'external',
            tolist: ['zhangsan'],
            roomid: 'wrRoom01',
            conversationId: 'group:wrRoom01',
            msgtime: 9_007_199_254_740_991,
            text: '',
            knownType: false,
            recalledMsgid: 'original-msgid',
            media: [{ sdkfileid: 'CtYBMzA2OTAyMDEwMjA0NjIzMDYw', md5sum: '0123456789abcdef0123456789abcdef', size: 4_096 }],
            seq: 9_007_199_254_740_991,
          },
          source: 'api-ingest',
          archivedAt: 1_800_000_000_000,
        };
        await store.messages.insertNew([record]);
        const found = await store.messages.find(corpId, 'typed');
        expect(found).toEqual(record);
        expect(typeof found?.message.msgtime).toBe('number');
        expect(typeof found?.archivedAt).toBe('number');
        expect(Array.isArray(found?.message.tolist)).toBe(true);
        expect(await store.messages.find(corpId, 'never-archived')).toBeNull();
        expect(await store.messages.find(newCorp(), 'typed')).toBeNull();
      });

      it('inserts only what is new, returns those msgids and leaves archived records untouched', async () => {
        const corpId = newCorp();
        const first = msgids(corpId, 0, 3);
        expect(await store.messages.insertNew(first)).toEqual(new Set(['msg-000000', 'msg-000001', 'msg-000002']));
        expect(await store.messages.insertNew(first)).toEqual(new Set());

        const changed = messageRecord(corpId, 'msg-000001', '{"msgid":"msg-000001","changed":true}');
        const mixed = [changed, ...msgids(corpId, 3, 5)];
        expect(await store.messages.insertNew(mixed)).toEqual(new Set(['msg-000003', 'msg-000004']));
        expect((await store.messages.find(corpId, 'msg-000001'))?.rawJson).toBe(first[1]!.rawJson);
        expect(await store.messages.count(corpId)).toBe(5);
        expect(await store.messages.insertNew([])).toEqual(new Set());
      });

      it('keeps the first of two records with the same msgid in one batch', async () => {
        const corpId = newCorp();
        const winner = messageRecord(corpId, 'twice', '{"msgid":"twice","n":1}');
        const loser = messageRecord(corpId, 'twice', '{"msgid":"twice","n":2}');
        expect(await store.messages.insertNew([winner, loser])).toEqual(new Set(['twice']));
        expect((await store.messages.find(corpId, 'twice'))?.rawJson).toBe(winner.rawJson);
      });

      it('archives each msgid exactly once when overlapping batches race, from two stores', async () => {
        const corpId = newCorp();
        const other = await openStore();
        try {
          // 12 batches of 40 msgids, each overlapping the next by 25; every other batch in reverse order.
          const batches = Array.from({ length: 12 }, (_, i) => {
            const batch = msgids(corpId, i * 15, i * 15 + 40);
            return i % 2 === 0 ? batch : batch.reverse();
          });
          const results = await Promise.all(batches.map((batch, i) => (i % 2 === 0 ? store : other).messages.insertNew(batch)));
          const distinct = new Set(batches.flat().map((r) => r.message.msgid));
          const inserted = results.flatMap((set) => [...set]);
          expect(inserted.length).toBe(distinct.size);
          expect(new Set(inserted)).toEqual(distinct);
          expect(await store.messages.count(corpId)).toBe(distinct.size);
        } finally {
          await other.close();
        }
      });

      it('archives each msgid exactly once when batches bigger than one statement race on one store', async () => {
        const corpId = newCorp();
        const batches = [msgids(corpId, 0, 5_000), msgids(corpId, 2_500, 7_500).reverse(), msgids(corpId, 4_000, 9_000)];
        const results = await Promise.all(batches.map((batch) => store.messages.insertNew(batch)));
        const inserted = results.flatMap((set) => [...set]);
        expect(inserted.length).toBe(9_000);
        expect(new Set(inserted).size).toBe(9_000);
        expect(await store.messages.count(corpId)).toBe(9_000);
      });

      it('inserts a batch bigger than one statement can bind, and finds it with existing()', async () => {
        const corpId = newCorp();
        const batch = msgids(corpId, 0, 5_000);
        const inserted = await store.messages.insertNew(batch);
        expect(inserted.size).toBe(5_000);
        expect(await store.messages.insertNew(msgids(corpId, 4_000, 6_000))).toEqual(new Set(msgids(corpId, 5_000, 6_000).map((r) => r.message.msgid)));
        expect(await store.messages.count(corpId)).toBe(6_000);

        const asked = msgids(corpId, 0, 40_000).map((r) => r.message.msgid);
        const found = await store.messages.existing(corpId, asked);
        expect(found.size).toBe(6_000);
        expect(found.has('msg-005999')).toBe(true);
        expect(found.has('msg-006000')).toBe(false);
      });

      it('archives nothing of a batch that fails part way, and loses no insert made meanwhile', async () => {
        const corpId = newCorp();
        const broken = messageRecord(corpId, 'zz-sorts-last');
        // A NOT NULL column without a value fails the last statement of a batch that needs several.
        const batch = [...msgids(corpId, 0, 5_000), { ...broken, rawJson: null as unknown as string }];
        const bystander = messageRecord(newCorp(), 'bystander');
        const [failed, inserted] = await Promise.allSettled([store.messages.insertNew(batch), store.messages.insertNew([bystander])]);
        expect(failed.status).toBe('rejected');
        expect(inserted).toEqual({ status: 'fulfilled', value: new Set(['bystander']) });
        expect(await store.messages.count(corpId)).toBe(0);
        expect(await store.messages.find(bystander.message.corpId, 'bystander')).toEqual(bystander);
      });

      it('keeps the same msgid in two corps as two records', async () => {
        const corpA = newCorp();
        const corpB = newCorp();
        const a = messageRecord(corpA, 'shared-id', '{"corp":"A"}');
        const b = messageRecord(corpB, 'shared-id', '{"corp":"B"}');
        expect(await store.messages.insertNew([a])).toEqual(new Set(['shared-id']));
        expect(await store.messages.insertNew([b])).toEqual(new Set(['shared-id']));
        expect((await store.messages.find(corpA, 'shared-id'))?.rawJson).toBe('{"corp":"A"}');
        expect((await store.messages.find(corpB, 'shared-id'))?.rawJson).toBe('{"corp":"B"}');
        expect(await store.messages.count(corpA)).toBe(1);
        expect(await store.messages.count(corpB)).toBe(1);
      });

      it('existing() names the archived msgids of that corp only', async () => {
        const corpId = newCorp();
        await store.messages.insertNew(msgids(corpId, 0, 3));
        await store.messages.insertNew([messageRecord(newCorp(), 'elsewhere')]);
        expect(await store.messages.existing(corpId, ['msg-000000', 'msg-000002', 'msg-000009', 'elsewhere', 'msg-000000'])).toEqual(
          new Set(['msg-000000', 'msg-000002']),
        );
        expect(await store.messages.existing(corpId, [])).toEqual(new Set());
      });

      it('gives the conversation around a message, oldest first, and nothing for an unknown msgid', async () => {
        const corpId = newCorp();
        const at = (msgid: string, msgtime: number, conversationId = 'single:lisi:zhangsan'): ArchivedMessageRecord => {
          const record = messageRecord(corpId, msgid);
          return { ...record, message: { ...record.message, msgtime, conversationId } };
        };
        // Two messages share a millisecond with the anchor: msgid orders them.
        const conversation = [at('a', 1), at('b', 2), at('c', 3), at('d', 3), at('e', 3), at('f', 4), at('g', 5)];
        await store.messages.insertNew([...conversation, at('x', 3, 'group:other'), at('y', 2, 'group:other')]);
        const ids = async (msgid: string, count: number) => (await store.messages.around(corpId, msgid, count)).map((r) => r.message.msgid);
        expect(await ids('d', 2)).toEqual(['b', 'c', 'd', 'e', 'f']);
        expect(await ids('a', 2)).toEqual(['a', 'b', 'c']);
        expect(await ids('g', 10)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
        expect(await store.messages.around(corpId, 'd', 0)).toEqual([conversation[3]]);
        expect(await store.messages.around(corpId, 'missing', 5)).toEqual([]);
        expect(await store.messages.around(newCorp(), 'd', 5)).toEqual([]);
      });

      it('lists the alerts of the employees in scope, and alerts about no employee only for a whole corp', async () => {
        const [corpA, corpB] = [newCorp(), newCorp()];
        const raise = async (corpId: string, employeeId: string, minute: number) => {
          await store.alerts.fileHit(openingHit(alertRecord(corpId, { employeeId, createdAt: MSGTIME + minute * 60_000 })));
        };
        await raise(corpA, 'zhangsan', 1);
        await raise(corpA, 'lisi', 2);
        await raise(corpA, '', 3);
        await raise(corpB, 'zhangsan', 4);
        /** The alerts listed, as `A:employee`, newest first, after checking the total counts exactly them. */
        const listed = async (within: ReadScope, corpId?: string) => {
          const { total, items } = await store.alerts.list({ corpId, within, offset: 0, limit: 100 });
          expect(total).toBe(items.length);
          return items.map((a) => `${a.corpId === corpA ? 'A' : 'B'}:${a.employeeId}`);
        };
        expect(await listed([{ corpId: corpA, userids: ['zhangsan'] }])).toEqual(['A:zhangsan']);
        expect(await listed([{ corpId: corpA, userids: ['lisi', 'zhangsan'] }])).toEqual(['A:lisi', 'A:zhangsan']);
        expect(await listed([{ corpId: corpA }])).toEqual(['A:', 'A:lisi', 'A:zhangsan']);
        expect(await listed([{ corpId: corpA, userids: ['lisi'] }, { corpId: corpB }])).toEqual(['B:zhangsan', 'A:lisi']);
        expect(await listed([{ corpId: corpA }], corpB)).toEqual([]);
        expect(await listed([{ corpId: corpA, userids: [] }])).toEqual([]);
        expect(await listed([])).toEqual([]);
        // More userids than SQLite binds parameters to one statement.
        const crowd = Array.from({ length: 40_000 }, (_, i) => `u${i}`);
        expect(await listed([{ corpId: corpA, userids: [...crowd, 'lisi'] }, { corpId: corpB, userids: crowd }])).toEqual(['A:lisi']);
      });

      it('counts per corp and across corps', async () => {
        const before = await store.messages.count();
        const corpA = newCorp();
        const corpB = newCorp();
        await store.messages.insertNew([...msgids(corpA, 0, 4), ...msgids(corpB, 0, 2)]);
        expect(await store.messages.count(corpA)).toBe(4);
        expect(await store.messages.count(corpB)).toBe(2);
        expect(await store.messages.count(newCorp())).toBe(0);
        expect(await store.messages.count()).toBe(before + 6);
      });
    });

    describe('alerts', () => {
      it('files a redelivered hit once, changing nothing', async () => {
        const corpId = newCorp();
        const alert = alertRecord(corpId);
        expect(await store.alerts.fileHit(openingHit(alert))).toEqual({ outcome: 'opened', alert: unreviewed(alert) });
        const again = await store.alerts.fileHit(openingHit({ ...alert, alertId: randomUUID(), excerpt: 'redelivered' }));
        expect(again).toEqual({ outcome: 'duplicate', alert: unreviewed(alert) });
        expect(await store.alerts.list({ corpId, offset: 0, limit: 10 })).toEqual({ total: 1, items: [unreviewed(alert)] });
        expect(await store.alerts.hits(alert.alertId)).toHaveLength(1);
      });

      it('groups hits of one group key within the window into one alert listing every hit, with the severity it is given', async () => {
        const corpId = newCorp();
        const alert = alertRecord(corpId, { severity: 'low', msgids: ['m-1'] });
        await store.alerts.fileHit(openingHit(alert));
        const severityOf = (count: number, worst: Severity): Severity => (count >= 3 ? 'critical' : worst);
        const hit = (n: number, severity: Severity, msgid = `m-${n}`) => ({ hitId: `${alert.dedupKey}:${n}`, msgid, severity, excerpt: `第${n}次`, policyVersion: 4, at: MSGTIME + n * 1_000 });
        const second = await store.alerts.fileHit({ alert: alertRecord(corpId, { groupKey: alert.groupKey }), hit: hit(2, 'medium'), openSince: MSGTIME, severityOf });
        expect(second.outcome).toBe('joined');
        expect(second.alert).toMatchObject({ alertId: alert.alertId, hitCount: 2, severity: 'medium', lastHitAt: MSGTIME + 2_000, msgids: ['m-1', 'm-2'], version: 1 });
        expect(second.alert).toEqual(await store.alerts.find(alert.alertId));
        const third = await store.alerts.fileHit({ alert: alertRecord(corpId, { groupKey: alert.groupKey }), hit: hit(3, 'low', 'm-2'), openSince: MSGTIME, severityOf });
        expect(third.alert).toMatchObject({ alertId: alert.alertId, hitCount: 3, severity: 'critical', msgids: ['m-1', 'm-2'] });
        const redelivered = await store.alerts.fileHit({ alert: alertRecord(corpId, { groupKey: alert.groupKey }), hit: hit(2, 'medium'), openSince: MSGTIME, severityOf });
        expect(redelivered).toEqual({ outcome: 'duplicate', alert: third.alert });
        expect((await store.alerts.hits(alert.alertId)).map((h) => [h.hitId, h.msgid, h.severity, h.alertId])).toEqual([
          [alert.dedupKey, 'm-1', 'low', alert.alertId],
          [`${alert.dedupKey}:2`, 'm-2', 'medium', alert.alertId],
          [`${alert.dedupKey}:3`, 'm-2', 'low', alert.alertId],
        ]);
        expect(await store.alerts.count(corpId)).toBe(1);
      });

      it('opens a new alert when the open one is older than the window or resolved', async () => {
        const corpId = newCorp();
        const first = alertRecord(corpId);
        await store.alerts.fileHit(openingHit(first));
        const late = alertRecord(corpId, { groupKey: first.groupKey, createdAt: MSGTIME + 60_000 });
        const outside = await store.alerts.fileHit({ ...openingHit(late), openSince: MSGTIME + 1 });
        expect(outside).toMatchObject({ outcome: 'opened', alert: { alertId: late.alertId, hitCount: 1 } });
        await store.alerts.transition(late.alertId, 1, { to: 'resolved', actor: 'a', reason: 'r', at: MSGTIME + 61_000, resolution: 'no_action_needed' });
        const afterResolution = alertRecord(corpId, { groupKey: first.groupKey, createdAt: MSGTIME + 62_000 });
        expect((await store.alerts.fileHit({ ...openingHit(afterResolution), openSince: MSGTIME + 1 })).outcome).toBe('opened');
        // Its alert resolved, a hit delivered again opens nothing.
        expect(await store.alerts.fileHit({ ...openingHit(late), openSince: MSGTIME + 1 })).toMatchObject({ outcome: 'duplicate', alert: { alertId: late.alertId, status: 'resolved' } });
        expect(await store.alerts.count(corpId)).toBe(3);
      });

      it('opens one alert when hits of a new group are filed at once', async () => {
        const corpId = newCorp();
        const groupKey = `${corpId}:burst`;
        const outcomes = await Promise.all(
          Array.from({ length: 8 }, (_, i) => store.alerts.fileHit({ ...openingHit(alertRecord(corpId, { groupKey, createdAt: MSGTIME + i })), openSince: MSGTIME - 1 })),
        );
        expect(outcomes.filter((o) => o.outcome === 'opened')).toHaveLength(1);
        expect(await store.alerts.count(corpId)).toBe(1);
        expect((await store.alerts.list({ corpId, offset: 0, limit: 1 })).items[0]?.hitCount).toBe(8);
      });

      it('gives every field back with its type', async () => {
        const corpId = newCorp();
        const alert = alertRecord(corpId, { msgids: ['只有一个'], policyVersion: 42, createdAt: 1_800_000_000_001, severity: 'critical' });
        await store.alerts.fileHit(openingHit(alert));
        const [found] = (await store.alerts.list({ corpId, offset: 0, limit: 1 })).items;
        expect(found).toEqual(unreviewed(alert));
        expect(await store.alerts.find(alert.alertId)).toEqual(unreviewed(alert));
        expect(await store.alerts.find(randomUUID())).toBeNull();
        expect(typeof found?.createdAt).toBe('number');
        expect(typeof found?.updatedAt).toBe('number');
        expect(typeof found?.policyVersion).toBe('number');
      });

      it('lists newest first in pages that neither overlap nor skip, with the total', async () => {
        const corpId = newCorp();
        const alerts = [3, 1, 5, 2, 5, 4, 5].map((minute) => alertRecord(corpId, { createdAt: MSGTIME + minute * 60_000 }));
        for (const alert of alerts) expect((await store.alerts.fileHit(openingHit(alert))).outcome).toBe('opened');
        await store.alerts.fileHit(openingHit(alertRecord(newCorp(), { createdAt: MSGTIME + 10 * 60_000 })));

        const pages = [];
        for (let offset = 0; offset < 9; offset += 3) pages.push(await store.alerts.list({ corpId, offset, limit: 3 }));
        expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
        expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
        const listed = pages.flatMap((p) => p.items);
        expect(new Set(listed.map((a) => a.alertId))).toEqual(new Set(alerts.map((a) => a.alertId)));
        const times = listed.map((a) => a.createdAt);
        expect(times).toEqual([...times].sort((a, b) => b - a));
        expect(await store.alerts.list({ corpId, offset: 7, limit: 3 })).toEqual({ total: 7, items: [] });

        const all = await store.alerts.list({ offset: 0, limit: 1 });
        expect(all.total).toBe(await store.alerts.count());
        expect(all.total).toBeGreaterThanOrEqual(8);
      });

      it('counts per corp and across corps', async () => {
        const before = await store.alerts.count();
        const corpId = newCorp();
        await store.alerts.fileHit(openingHit(alertRecord(corpId)));
        await store.alerts.fileHit(openingHit(alertRecord(corpId)));
        expect(await store.alerts.count(corpId)).toBe(2);
        expect(await store.alerts.count(newCorp())).toBe(0);
        expect(await store.alerts.count()).toBe(before + 2);
      });
    });

    describe('alert review', () => {
      it('moves an alert, bumps its version and records who, when and why, oldest first', async () => {
        const alert = alertRecord(newCorp());
        await store.alerts.fileHit(openingHit(alert));
        const acknowledged = await store.alerts.transition(alert.alertId, 1, { to: 'acknowledged', actor: 'key:alice', reason: '我来看', at: MSGTIME + 1_000, assignee: 'alice' });
        expect(acknowledged).toEqual({ ...unreviewed(alert), status: 'acknowledged', version: 2, assignee: 'alice', updatedAt: MSGTIME + 1_000 });
        await store.alerts.transition(alert.alertId, 2, { to: 'in_review', actor: 'key:alice', reason: 'reading the chat', at: MSGTIME + 2_000 });
        const resolved = await store.alerts.transition(alert.alertId, 3, { to: 'resolved', actor: 'key:bob', reason: 'quoted a rival', at: MSGTIME + 3_000, resolution: 'false_positive' });
        expect(resolved).toMatchObject({ status: 'resolved', version: 4, assignee: 'alice', resolution: 'false_positive', updatedAt: MSGTIME + 3_000 });
        expect(await store.alerts.find(alert.alertId)).toEqual(resolved);
        const history = await store.alerts.transitions(alert.alertId);
        expect(history.map(({ id, ...rest }) => (expect(typeof id).toBe('string'), rest))).toEqual([
          { alertId: alert.alertId, from: 'new', to: 'acknowledged', actor: 'key:alice', reason: '我来看', at: MSGTIME + 1_000 },
          { alertId: alert.alertId, from: 'acknowledged', to: 'in_review', actor: 'key:alice', reason: 'reading the chat', at: MSGTIME + 2_000 },
          { alertId: alert.alertId, from: 'in_review', to: 'resolved', actor: 'key:bob', reason: 'quoted a rival', at: MSGTIME + 3_000 },
        ]);
      });

      it('refuses a stale version with a conflict and an unknown alert with not_found, changing nothing', async () => {
        const alert = alertRecord(newCorp());
        await store.alerts.fileHit(openingHit(alert));
        await store.alerts.transition(alert.alertId, 1, { to: 'acknowledged', actor: 'a', reason: 'r', at: MSGTIME });
        const stale = await store.alerts.transition(alert.alertId, 1, { to: 'escalated', actor: 'b', reason: 'r', at: MSGTIME }).catch((e: Error) => e);
        expect(stale).toMatchObject({ name: 'StoreError', code: 'conflict', reason: 'stale_version' });
        expect((stale as Error).message).toContain('is at version 2, not 1');
        expect(await store.alerts.find(alert.alertId)).toMatchObject({ status: 'acknowledged', version: 2 });
        expect(await store.alerts.transitions(alert.alertId)).toHaveLength(1);
        const missing = randomUUID();
        const unknown = await store.alerts.transition(missing, 1, { to: 'acknowledged', actor: 'a', reason: 'r', at: MSGTIME }).catch((e: Error) => e);
        expect(unknown).toMatchObject({ name: 'StoreError', code: 'not_found', reason: 'alert_not_found', message: `no alert has the id ${missing}` });
      });

      // One store: on PostgreSQL its pool runs the two transactions at once; a SQLite file belongs to one process.
      it('lets exactly one of two concurrent transitions from the same version win', async () => {
        for (let round = 0; round < 5; round++) {
          const alert = alertRecord(newCorp());
          await store.alerts.fileHit(openingHit(alert));
          const results = await Promise.allSettled([
            store.alerts.transition(alert.alertId, 1, { to: 'acknowledged', actor: 'alice', reason: 'mine', at: MSGTIME }),
            store.alerts.transition(alert.alertId, 1, { to: 'escalated', actor: 'bob', reason: 'mine too', at: MSGTIME }),
          ]);
          const won = results.filter((r) => r.status === 'fulfilled');
          const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0]!.reason).toMatchObject({ code: 'conflict', reason: 'stale_version' });
          const history = await store.alerts.transitions(alert.alertId);
          expect(history).toHaveLength(1);
          expect(await store.alerts.find(alert.alertId)).toMatchObject({ version: 2, status: history[0]!.to });
        }
      });

      it('keeps comments oldest first and refuses a comment on an unknown alert', async () => {
        const alert = alertRecord(newCorp());
        await store.alerts.fileHit(openingHit(alert));
        const first = { id: randomUUID(), alertId: alert.alertId, author: 'alice', body: '客户说是玩笑 😀', at: MSGTIME + 2 };
        const second = { id: randomUUID(), alertId: alert.alertId, author: 'bob', body: 'asked HR', at: MSGTIME + 5 };
        await store.alerts.addComment(second);
        await store.alerts.addComment(first);
        expect(await store.alerts.comments(alert.alertId)).toEqual([first, second]);
        const unknown = await store.alerts.addComment({ ...first, id: randomUUID(), alertId: 'no-such-alert' }).catch((e: Error) => e);
        expect(unknown).toMatchObject({ code: 'not_found', reason: 'alert_not_found' });
        expect(await store.alerts.comments('no-such-alert')).toEqual([]);
      });

      it('finds alerts of a severity and statuses raised before a time, oldest first', async () => {
        const corpId = newCorp();
        const old = alertRecord(corpId, { severity: 'low', createdAt: 2_000 });
        const older = alertRecord(corpId, { severity: 'low', createdAt: 1_000 });
        const tooNew = alertRecord(corpId, { severity: 'low', createdAt: 3_000 });
        const otherSeverity = alertRecord(corpId, { severity: 'medium', createdAt: 1_000 });
        const escalated = alertRecord(corpId, { severity: 'low', createdAt: 1_500 });
        for (const alert of [old, older, tooNew, otherSeverity, escalated]) await store.alerts.fileHit(openingHit(alert));
        await store.alerts.transition(escalated.alertId, 1, { to: 'escalated', actor: 'a', reason: 'r', at: 1_600 });
        const found = await store.alerts.raisedBefore({ severity: 'low', statuses: ['new', 'acknowledged'], createdBefore: 3_000, limit: 10 });
        expect(found.filter((a) => a.corpId === corpId).map((a) => a.alertId)).toEqual([older.alertId, old.alertId]);
        const firstOnly = await store.alerts.raisedBefore({ severity: 'low', statuses: ['new'], createdBefore: 3_000, limit: 1 });
        expect(firstOnly).toHaveLength(1);
      });
    });

    describe('api keys', () => {
      const newKey = (overrides: Partial<NewApiKey> = {}): NewApiKey => ({ id: randomUUID(), name: '审计员 key', keyHash: sha256(randomUUID()), role: 'reader', createdAt: MSGTIME, ...overrides });

      it('finds a key by its hash, counts keys and refuses a second key with the same hash', async () => {
        const before = await store.apiKeys.count();
        const key = newKey();
        await store.apiKeys.insert(key);
        const found = await store.apiKeys.findByHash(key.keyHash);
        expect(found).toEqual({ ...key, scope: null, revokedAt: null, revokedBy: null });
        expect(typeof found?.createdAt).toBe('number');
        expect(await store.apiKeys.findByHash(sha256('never issued'))).toBeNull();
        expect(await store.apiKeys.count()).toBe(before + 1);
        await expect(store.apiKeys.insert({ ...key, id: randomUUID() })).rejects.toThrow();
        expect(await store.apiKeys.count()).toBe(before + 1);
      });

      it('keeps a role and scope as given and lists every key, revoked ones too, oldest first', async () => {
        const scoped = newKey({ scope: { corpIds: ['ww1'], departmentIds: ['2', '10'] }, createdAt: 1 });
        const corpOnly = newKey({ role: 'ingest', scope: { corpIds: ['ww2'] }, createdAt: 2 });
        const reviewer = newKey({ role: 'reviewer', scope: { corpIds: ['ww1'], departmentIds: ['3'] }, createdAt: 3 });
        await store.apiKeys.insert(reviewer);
        await store.apiKeys.insert(corpOnly);
        await store.apiKeys.insert(scoped);
        await store.apiKeys.revoke(corpOnly.id, 'admin (key k1)', MSGTIME);
        const listed = (await store.apiKeys.list()).filter((k) => [scoped.id, corpOnly.id, reviewer.id].includes(k.id));
        expect(listed).toEqual([
          { ...scoped, revokedAt: null, revokedBy: null },
          { ...corpOnly, revokedAt: MSGTIME, revokedBy: 'admin (key k1)' },
          { ...reviewer, revokedAt: null, revokedBy: null },
        ]);
        expect(await store.apiKeys.findByHash(reviewer.keyHash)).toMatchObject({ role: 'reviewer', scope: { corpIds: ['ww1'], departmentIds: ['3'] } });
      });

      it('revokes a key once: the first revocation stands, the key is still found, an unknown id is null', async () => {
        const key = newKey();
        await store.apiKeys.insert(key);
        expect(await store.apiKeys.revoke(key.id, 'first admin', MSGTIME)).toMatchObject({ id: key.id, revokedAt: MSGTIME, revokedBy: 'first admin' });
        expect(await store.apiKeys.revoke(key.id, 'second admin', MSGTIME + 1)).toMatchObject({ revokedAt: MSGTIME, revokedBy: 'first admin' });
        expect(await store.apiKeys.findByHash(key.keyHash)).toMatchObject({ id: key.id, revokedAt: MSGTIME, revokedBy: 'first admin' });
        expect(await store.apiKeys.revoke('no-such-key', 'admin', MSGTIME)).toBeNull();
      });
    });

    describe('audit log', () => {
      it('lists appended entries newest first with the total', async () => {
        const before = (await store.auditLog.list({ offset: 0, limit: 1 })).total;
        // Far in the future, so these are the newest entries whatever else this database holds.
        const entries: AuditEntry[] = [2, 0, 1].map((i) => ({
          id: randomUUID(),
          actorKeyId: randomUUID(),
          actorName: 'reader',
          action: 'messages.search',
          details: JSON.stringify({ q: '回扣', returned: [`corp:m-${i}`] }),
          sourceIp: '::ffff:10.0.0.7',
          at: 4_000_000_000_000 + i,
        }));
        for (const entry of entries) await store.auditLog.append(entry);
        const page = await store.auditLog.list({ offset: 0, limit: 2 });
        expect(page.total).toBe(before + 3);
        expect(page.items).toEqual([entries[0], entries[2]]);
        expect((await store.auditLog.list({ offset: 2, limit: 1 })).items).toEqual([entries[1]]);
      });
    });

    describe('messages by time', () => {
      it('lists a corp\'s records in [from, to) by (msgtime, msgid) and names the corps with records then', async () => {
        const corpId = newCorp();
        const other = newCorp();
        const at = (msgid: string, msgtime: number, corp = corpId): ArchivedMessageRecord => {
          const record = messageRecord(corp, msgid);
          return { ...record, message: { ...record.message, msgtime } };
        };
        const records = [at('b', 200), at('a', 200), at('c', 100), at('before', 99), at('end', 300), at('x', 150, other)];
        await store.messages.insertNew(records);
        const listed = await store.messages.listBetween(corpId, 100, 300);
        expect(listed.map((r) => r.message.msgid)).toEqual(['c', 'a', 'b']);
        expect(listed[1]).toEqual(records[1]);
        expect(await store.messages.listBetween(corpId, 301, 400)).toEqual([]);
        const corps = await store.messages.corpsBetween(100, 300);
        expect(corps).toEqual(expect.arrayContaining([corpId, other].sort()));
        expect(corps.filter((c) => c === corpId || c === other)).toEqual([corpId, other].sort());
        expect(await store.messages.corpsBetween(300, 301)).toContain(corpId);
        expect(await store.messages.corpsBetween(300, 301)).not.toContain(other);
      });
    });

    describe('chain', () => {
      const sealOf = (corpId: string, day: string, overrides: Partial<DaySeal> = {}): DaySeal => ({
        corpId,
        day,
        recordCount: 2,
        merkleRoot: sha256('root'),
        lastChainHash: sha256('last'),
        sealedAt: MSGTIME,
        ...overrides,
      });
      const entriesOf = (corpId: string, day: string): ChainEntry[] =>
        ['m-2', 'm-1'].map((msgid, position) => ({ corpId, day, position, msgid, recordHash: sha256(msgid), chainHash: sha256(`c${msgid}`) }));

      it('stores a seal with its entries and gives them back in position order', async () => {
        const corpId = newCorp();
        const seal = sealOf(corpId, '2026-01-01');
        const entries = entriesOf(corpId, '2026-01-01');
        expect(await store.chain.sealDay(seal, [...entries].reverse())).toEqual({ seal, created: true });
        expect(await store.chain.findSeal(corpId, '2026-01-01')).toEqual(seal);
        expect(await store.chain.entries(corpId, '2026-01-01')).toEqual(entries);
        expect(await store.chain.findSeal(corpId, '2026-01-02')).toBeNull();
        expect(await store.chain.entries(corpId, '2026-01-02')).toEqual([]);
      });

      it('keeps the first seal of a day, whether sealed again later or concurrently', async () => {
        const corpId = newCorp();
        const first = sealOf(corpId, '2026-01-01');
        await store.chain.sealDay(first, entriesOf(corpId, '2026-01-01'));
        const again = await store.chain.sealDay(sealOf(corpId, '2026-01-01', { merkleRoot: sha256('other'), sealedAt: MSGTIME + 1 }), []);
        expect(again).toEqual({ seal: first, created: false });
        expect(await store.chain.entries(corpId, '2026-01-01')).toHaveLength(2);

        const racers = [1, 2, 3].map((i) => sealOf(corpId, '2026-01-02', { sealedAt: MSGTIME + i }));
        const results = await Promise.all(racers.map((seal) => store.chain.sealDay(seal, entriesOf(corpId, '2026-01-02'))));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const winner = results.find((r) => r.created)!.seal;
        expect(results.map((r) => r.seal)).toEqual([winner, winner, winner]);
        expect(await store.chain.entries(corpId, '2026-01-02')).toEqual(entriesOf(corpId, '2026-01-02'));
      });

      it('stores each amendment of a day once, with entries after the seal, and lists seals since a day', async () => {
        const corpId = newCorp();
        await store.chain.sealDay(sealOf(corpId, '2026-01-01'), entriesOf(corpId, '2026-01-01'));
        await store.chain.sealDay(sealOf(corpId, '2026-01-03'), []);
        const amendment = { corpId, day: '2026-01-01', amendment: 1, firstPosition: 2, recordCount: 1, merkleRoot: sha256('late'), lastChainHash: sha256('c-late'), sealedAt: MSGTIME + 5 };
        const lateEntry = { corpId, day: '2026-01-01', position: 2, msgid: 'late', recordHash: sha256('late'), chainHash: sha256('c-late') };
        const racing = await Promise.all([1, 2].map((i) => store.chain.amendDay({ ...amendment, sealedAt: MSGTIME + i }, [lateEntry])));
        expect(racing.filter((r) => r.created)).toHaveLength(1);
        const stored = racing.find((r) => r.created)!.amendment;
        expect(racing.map((r) => r.amendment)).toEqual([stored, stored]);
        expect(await store.chain.amendments(corpId, '2026-01-01')).toEqual([stored]);
        expect(await store.chain.amendments(corpId, '2026-01-03')).toEqual([]);
        expect((await store.chain.entries(corpId, '2026-01-01')).map((e) => e.msgid)).toEqual(['m-2', 'm-1', 'late']);
        expect((await store.chain.sealsSince(corpId, '2026-01-02')).map((seal) => seal.day)).toEqual(['2026-01-03']);
        expect((await store.chain.sealsSince(corpId, '2025-12-01')).map((seal) => seal.day)).toEqual(['2026-01-01', '2026-01-03']);
      });
    });

    describe('envelopes', () => {
      const envelope = (seq: number): EnvelopeInput => ({
        seq,
        msgid: `m-${seq}`,
        publickey_ver: 2,
        encrypt_random_key: `rk-${seq}`,
        encrypt_chat_msg: `ct-${seq}`,
      });

      it('stores a batch as pending and moves the cursor to its largest seq, never backwards', async () => {
        const corpId = newCorp();
        expect(await store.envelopes.cursor(corpId)).toBe(0);
        await store.envelopes.storeBatch(corpId, [envelope(3), envelope(1), envelope(2)], MSGTIME);
        expect(await store.envelopes.cursor(corpId)).toBe(3);
        await store.envelopes.storeBatch(corpId, [envelope(2)], MSGTIME);
        expect(await store.envelopes.cursor(corpId)).toBe(3);
        const due = await store.envelopes.due(corpId, MSGTIME, 10);
        expect(due.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(due[0]).toEqual({ ...envelope(1), corpId, state: 'pending', attempts: 0, lastError: null, nextAttemptAt: MSGTIME });
        expect(await store.envelopes.cursor(newCorp())).toBe(0);
      });

      it('keeps a stored envelope as it is when the same seq is stored again', async () => {
        const corpId = newCorp();
        await store.envelopes.storeBatch(corpId, [envelope(1)], MSGTIME);
        await store.envelopes.markDecrypted(corpId, [1]);
        await store.envelopes.storeBatch(corpId, [{ ...envelope(1), encrypt_chat_msg: 'other' }], MSGTIME);
        expect(await store.envelopes.countByState(corpId, 'decrypted')).toBe(1);
        expect(await store.envelopes.due(corpId, MSGTIME, 10)).toEqual([]);
      });

      it('stores batches of a thousand in one call', async () => {
        const corpId = newCorp();
        await store.envelopes.storeBatch(corpId, Array.from({ length: 1000 }, (_, i) => envelope(i + 1)), MSGTIME);
        expect(await store.envelopes.countByState(corpId, 'pending')).toBe(1000);
        expect(await store.envelopes.cursor(corpId)).toBe(1000);
        await store.envelopes.markDecrypted(corpId, Array.from({ length: 999 }, (_, i) => i + 1));
        expect((await store.envelopes.due(corpId, MSGTIME, 10)).map((e) => e.seq)).toEqual([1000]);
      });

      it('offers failed envelopes again once their next attempt is due, counting attempts', async () => {
        const corpId = newCorp();
        await store.envelopes.storeBatch(corpId, [envelope(1), envelope(2)], MSGTIME);
        expect(await store.envelopes.markFailed(corpId, 1, 'no key for version 2', MSGTIME + 1000)).toBe(1);
        await store.envelopes.markDecrypted(corpId, [2]);
        expect(await store.envelopes.due(corpId, MSGTIME + 999, 10)).toEqual([]);
        const [failed] = await store.envelopes.due(corpId, MSGTIME + 1000, 10);
        expect(failed).toMatchObject({ seq: 1, state: 'failed', attempts: 1, lastError: 'no key for version 2' });
        expect(await store.envelopes.markFailed(corpId, 1, 'still no key', MSGTIME + 5000)).toBe(2);
        await store.envelopes.markDecrypted(corpId, [1]);
        expect(await store.envelopes.due(corpId, MSGTIME + 10_000, 10)).toEqual([]);
        expect(await store.envelopes.countByState(corpId, 'decrypted')).toBe(2);
        expect(await store.envelopes.countByState(corpId, 'failed')).toBe(0);
      });

      it('limits and orders what is due by seq', async () => {
        const corpId = newCorp();
        await store.envelopes.storeBatch(corpId, [envelope(9), envelope(4), envelope(7)], MSGTIME);
        expect((await store.envelopes.due(corpId, MSGTIME, 2)).map((e) => e.seq)).toEqual([4, 7]);
      });
    });

    describe('capture ledger', () => {
      const DAY = '2026-01-01';
      const DAY_START = Date.UTC(2025, 11, 31, 16);
      const problem = (corpId: string, overrides: Partial<CaptureProblemRecord> = {}): CaptureProblemRecord => ({
        eventId: randomUUID(),
        corpId,
        kind: 'seq-gap',
        detail: 'seq 101–140 missing',
        seqFrom: 101,
        seqTo: 140,
        msgid: null,
        count: 40,
        occurredAt: DAY_START + 1_000,
        ...overrides,
      });

      it('records a problem once, lists newest first by corp and kind, and totals a day per kind', async () => {
        const corpId = newCorp();
        const gap = problem(corpId);
        const decrypt = problem(corpId, { kind: 'decrypt-failed', detail: 'unknown key version 3', seqFrom: 7, seqTo: 7, msgid: 'm-7', count: 1, occurredAt: DAY_START + 2_000 });
        const nextDay = problem(corpId, { occurredAt: DAY_START + 86_400_000, count: 5 });
        expect(await store.capture.recordProblem(gap)).toBe(true);
        expect(await store.capture.recordProblem({ ...gap, detail: 'redelivered' })).toBe(false);
        await store.capture.recordProblem(decrypt);
        await store.capture.recordProblem(nextDay);
        await store.capture.recordProblem(problem(newCorp()));
        expect(await store.capture.problems({ corpId, offset: 0, limit: 10 })).toEqual({ total: 3, items: [nextDay, decrypt, gap] });
        expect(await store.capture.problems({ corpId, kind: 'decrypt-failed', offset: 0, limit: 10 })).toEqual({ total: 1, items: [decrypt] });
        expect(await store.capture.problemTotals(corpId, DAY_START, DAY_START + 86_400_000)).toEqual({ 'seq-gap': 40, 'decrypt-failed': 1 });
      });

      it('lists the problems of the corps a scope takes in whole, and none of a corp it narrows to employees', async () => {
        const [corpA, corpB, corpC] = [newCorp(), newCorp(), newCorp()];
        const [ofA, ofB, ofC] = [corpA, corpB, corpC].map((corpId, i) => problem(corpId, { occurredAt: DAY_START + i }));
        for (const p of [ofA, ofB, ofC]) await store.capture.recordProblem(p);
        const listed = async (within: ReadScope, corpId?: string) => {
          const { total, items } = await store.capture.problems({ corpId, within, offset: 0, limit: 100 });
          expect(total).toBe(items.length);
          return items.map((p) => p.eventId);
        };
        expect(await listed([{ corpId: corpA }, { corpId: corpC }])).toEqual([ofC.eventId, ofA.eventId]);
        expect(await listed([{ corpId: corpA }, { corpId: corpB, userids: ['zhangsan'] }])).toEqual([ofA.eventId]);
        expect(await listed([{ corpId: corpA }, { corpId: corpC }], corpC)).toEqual([ofC.eventId]);
        expect(await listed([{ corpId: corpA }], corpB)).toEqual([]);
        expect(await listed([{ corpId: corpB, userids: [] }], corpB)).toEqual([]);
        expect(await listed([])).toEqual([]);
        expect(await store.capture.problems({ corpId: corpB, within: [{ corpId: corpB }], offset: 1, limit: 10 })).toEqual({ total: 1, items: [] });
      });

      it('counts what each source delivered on a day, archived from the archive itself and duplicates as recorded, and names the corps active', async () => {
        const corpId = newCorp();
        const archivedAt = (source: string, msgid: string, at: number) => ({ ...messageRecord(corpId, msgid), source, archivedAt: at });
        await store.messages.insertNew([
          archivedAt('finance-sdk', 'a-1', DAY_START),
          archivedAt('finance-sdk', 'a-2', DAY_START + 86_399_999),
          archivedAt('http', 'a-3', DAY_START + 5),
          archivedAt('http', 'a-4', DAY_START + 86_400_000),
        ]);
        await store.capture.addDuplicates(corpId, DAY, 'finance-sdk', 1);
        await store.capture.addDuplicates(corpId, DAY, 'finance-sdk', 1);
        await store.capture.addDuplicates(corpId, DAY, 'import', 1);
        await store.capture.addDuplicates(corpId, '2026-01-02', 'http', 3);
        expect(await store.capture.received(corpId, DAY)).toEqual([
          { source: 'finance-sdk', archived: 2, duplicate: 2 },
          { source: 'http', archived: 1, duplicate: 0 },
          { source: 'import', archived: 0, duplicate: 1 },
        ]);
        const pulling = newCorp();
        await store.envelopes.storeBatch(pulling, [{ seq: 1, msgid: 'm-1', publickey_ver: 1, encrypt_random_key: 'k', encrypt_chat_msg: 'c' }], DAY_START + 5);
        const failing = newCorp();
        await store.capture.recordProblem(problem(failing));
        const active = await store.capture.corpsActiveOn(DAY);
        expect(active.filter((c) => [corpId, pulling, failing].includes(c))).toEqual([corpId, pulling, failing].sort());
        expect(await store.capture.corpsActiveOn('2026-01-03')).not.toContain(pulling);
      });

      it('reconciles a day: pulled by state, received by source, problems, and whether anything is missing', async () => {
        const corpId = newCorp();
        const envelopes = [1, 2, 3, 4].map((seq) => ({ seq, msgid: `m-${seq}`, publickey_ver: 1, encrypt_random_key: 'k', encrypt_chat_msg: 'c' }));
        await store.envelopes.storeBatch(corpId, envelopes, DAY_START + 10);
        await store.envelopes.storeBatch(corpId, [{ ...envelopes[0]!, seq: 9 }], DAY_START - 10);
        await store.envelopes.markDecrypted(corpId, [1, 2]);
        await store.envelopes.markFailed(corpId, 3, 'bad key', DAY_START + 60_000);
        await store.messages.insertNew(['m-1', 'm-2'].map((msgid) => ({ ...messageRecord(corpId, msgid), source: 'finance-sdk', archivedAt: DAY_START + 20 })));
        await store.capture.addDuplicates(corpId, DAY, 'finance-sdk', 1);
        await store.capture.recordProblem(problem(corpId, { kind: 'decrypt-failed', count: 1 }));
        expect(await reconcileDay(store, corpId, DAY)).toEqual({
          corpId,
          day: DAY,
          pulled: 4,
          decrypted: 2,
          decryptFailed: 1,
          pendingDecrypt: 1,
          received: [{ source: 'finance-sdk', archived: 2, duplicate: 1 }],
          archived: 2,
          duplicate: 1,
          problems: { 'decrypt-failed': 1 },
          complete: false,
        });
        const quiet = newCorp();
        await store.messages.insertNew([{ ...messageRecord(quiet, 'q-1'), source: 'http', archivedAt: DAY_START }]);
        expect(await reconcileDay(store, quiet, DAY)).toMatchObject({ pulled: 0, archived: 1, duplicate: 0, problems: {}, complete: true });
      });
    });

    describe('policies', () => {
      const version = (policyId: string, v: number, overrides: Partial<PolicyVersionRecord> = {}): PolicyVersionRecord => ({
        policyId,
        version: v,
        enabled: true,
        document: JSON.stringify({ id: policyId, rules: [{ id: `r${v}`, keywords: ['飞单'] }] }),
        savedBy: 'compliance-lead',
        savedAt: MSGTIME + v,
        ...overrides,
      });

      it('keeps every version, serves the newest as current, and accepts only the version that follows', async () => {
        const id = `policy-${randomUUID()}`;
        expect(await store.policies.saveVersion(version(id, 2))).toBe(false);
        expect(await store.policies.saveVersion(version(id, 1))).toBe(true);
        expect(await store.policies.saveVersion(version(id, 1))).toBe(false);
        expect(await store.policies.saveVersion(version(id, 2, { enabled: false }))).toBe(true);
        expect(await store.policies.saveVersion(version(id, 4))).toBe(false);

        expect(await store.policies.history(id)).toEqual([version(id, 2, { enabled: false }), version(id, 1)]);
        expect((await store.policies.current()).filter((p) => p.policyId === id)).toEqual([version(id, 2, { enabled: false })]);
        expect(await store.policies.history(`policy-${randomUUID()}`)).toEqual([]);
      });

      it('lets exactly one of two editors who read the same version save the next', async () => {
        const id = `policy-${randomUUID()}`;
        await store.policies.saveVersion(version(id, 1));
        const results = await Promise.all([
          store.policies.saveVersion(version(id, 2, { savedBy: 'editor-a' })),
          store.policies.saveVersion(version(id, 2, { savedBy: 'editor-b' })),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        const [newest] = await store.policies.history(id);
        expect(newest!.savedBy).toBe(results[0] ? 'editor-a' : 'editor-b');
      });
    });

    describe('directory', () => {
      const root = { id: '1', name: '总部', parentId: null, leaders: ['boss'] };
      const sales = { id: '2', name: '华东销售', parentId: '1', leaders: ['lisi'] };
      const zhangsan = { userid: 'zhangsan', name: '张三', departmentIds: ['2'], directLeaders: ['lisi'], email: 'zhangsan@example.com', status: 1 };

      it('saves departments, employees and external contacts and finds them by id within their corp', async () => {
        const corpId = newCorp();
        await store.directory.saveDepartments(corpId, [sales, root], MSGTIME);
        await store.directory.saveEmployees(corpId, [zhangsan, { userid: 'lisi', name: '李四', departmentIds: ['1', '2'], directLeaders: [], email: '', status: 1 }], MSGTIME);
        const customer = { externalUserId: 'wmCustomer1', name: '王先生', corpName: null, type: 1, followUsers: ['zhangsan'] };
        await store.directory.saveExternalContacts(corpId, [customer], MSGTIME);

        expect(await store.directory.findEmployee(corpId, 'zhangsan')).toEqual(zhangsan);
        expect(await store.directory.findDepartment(corpId, '2')).toEqual(sales);
        expect(await store.directory.findDepartment(corpId, '1')).toEqual(root);
        expect(await store.directory.listDepartments(corpId)).toEqual([root, sales]);
        expect(await store.directory.findExternalContact(corpId, 'wmCustomer1')).toEqual(customer);
        expect((await store.directory.findEmployees(corpId, ['lisi', 'zhangsan', 'nobody', 'lisi'])).map((e) => e.userid).sort()).toEqual(['lisi', 'zhangsan']);
        expect((await store.directory.listEmployees(corpId)).map((e) => e.userid)).toEqual(['lisi', 'zhangsan']);

        const other = newCorp();
        expect(await store.directory.listEmployees(other)).toEqual([]);
        expect(await store.directory.findEmployee(other, 'zhangsan')).toBeNull();
        expect(await store.directory.findDepartment(other, '2')).toBeNull();
        expect(await store.directory.findExternalContact(other, 'wmCustomer1')).toBeNull();
        expect(await store.directory.listDepartments(other)).toEqual([]);
        expect(await store.directory.listDepartments()).toEqual(expect.arrayContaining([root, sales]));
      });

      it('replaces a saved entry by its key and deletes departments and contacts', async () => {
        const corpId = newCorp();
        await store.directory.saveEmployees(corpId, [zhangsan], MSGTIME);
        await store.directory.saveEmployees(corpId, [{ ...zhangsan, name: '张三丰', departmentIds: ['1'], status: 5 }], MSGTIME + 1);
        expect(await store.directory.findEmployee(corpId, 'zhangsan')).toEqual({ ...zhangsan, name: '张三丰', departmentIds: ['1'], status: 5 });

        await store.directory.saveDepartments(corpId, [root, sales], MSGTIME);
        await store.directory.deleteDepartment(corpId, '2');
        expect(await store.directory.listDepartments(corpId)).toEqual([root]);

        await store.directory.saveExternalContacts(corpId, [{ externalUserId: 'wo1', name: 'A', corpName: '某公司', type: 2, followUsers: ['a', 'b'] }], MSGTIME);
        await store.directory.saveExternalContacts(corpId, [{ externalUserId: 'wo1', name: 'A', corpName: '某公司', type: 2, followUsers: ['b'] }], MSGTIME);
        expect((await store.directory.findExternalContact(corpId, 'wo1'))?.followUsers).toEqual(['b']);
        await store.directory.deleteExternalContact(corpId, 'wo1');
        expect(await store.directory.findExternalContact(corpId, 'wo1')).toBeNull();
      });

      it('saves an org larger than one statement holds', async () => {
        const corpId = newCorp();
        const employees = Array.from({ length: 450 }, (_, i) => ({ userid: `u${i}`, name: `员工${i}`, departmentIds: ['1'], directLeaders: [], email: '', status: 1 }));
        await store.directory.saveEmployees(corpId, employees, MSGTIME);
        expect(await store.directory.findEmployees(corpId, employees.map((e) => e.userid))).toHaveLength(450);
      });
    });

    describe('lifecycle', () => {
      it('answers ping while open, not after close, and closes twice without error', async () => {
        const other = await openStore();
        expect(await other.ping()).toBe(true);
        await other.close();
        expect(await other.ping()).toBe(false);
        await other.close();
        expect(await store.ping()).toBe(true);
      });
    });
  });
}
