import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord, ArchiveStore } from '@chatvault/store';
import { chatMessage, openingHit } from '@chatvault/testing';
import { hashApiKey } from '../auth/api-key';
import { startTestApi, type TestApi } from '../test-api';

const ADMIN_KEY = `cv_test_${randomUUID()}`;
const READER_KEY = `cv_reader_${randomUUID()}`;
const CORP = 'wwreview';
const CONVERSATION = 'single:wmExternal01:zhangsan';

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

function alertRecord(msgids: string[], employeeId: string): AlertRecord {
  const alertId = randomUUID();
  return {
    alertId,
    dedupKey: alertId,
    groupKey: alertId,
    corpId: CORP,
    employeeId,
    conversationId: CONVERSATION,
    ruleId: 'off-book-deal',
    category: 'off_book',
    severity: 'high',
    msgids,
    excerpt: '走飞单',
    policyId: 'default',
    policyVersion: 7,
    status: 'new',
    createdAt: Date.now(),
  };
}

describe('alert review API on the embedded stack', () => {
  let api: TestApi;
  let store: ArchiveStore;

  const request = (method: string, path: string, body?: unknown, key = ADMIN_KEY) =>
    fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const call = (method: string, path: string, body?: unknown, key?: string) => request(method, `/alerts${path}`, body, key);
  const patch = (alertId: string, body: unknown, key?: string) => call('PATCH', `/${alertId}`, body, key);

  async function seededAlert(msgids = ['m-05'], employeeId = 'zhangsan'): Promise<AlertRecord> {
    const alert = alertRecord(msgids, employeeId);
    await store.alerts.fileHit(openingHit(alert));
    return alert;
  }

  beforeAll(async () => {
    api = await startTestApi(ADMIN_KEY);
    store = api.store;
    await store.apiKeys.insert({ id: randomUUID(), name: 'auditor', keyHash: hashApiKey(READER_KEY), role: 'reader', createdAt: Date.now() });
    const conversation = Array.from({ length: 12 }, (_, i) => {
      const msgid = `m-${String(i).padStart(2, '0')}`;
      const message = chatMessage({ corpId: CORP, msgid, conversationId: CONVERSATION, msgtime: 1_767_225_600_000 + i * 1_000, text: `第${i}句` });
      return { message, rawJson: JSON.stringify({ msgid }), contentHash: 'x', source: 'test', archivedAt: Date.now() };
    });
    await store.messages.insertNew(conversation);
    await store.directory.saveDepartments(
      CORP,
      [
        { id: '2', name: '华东销售', parentId: '1', leaders: ['lisi'] },
        { id: '3', name: '华南销售', parentId: '1', leaders: [] },
      ],
      Date.now(),
    );
    await store.directory.saveEmployees(
      CORP,
      [
        { userid: 'zhangsan', name: '张三', departmentIds: ['2', '9'], directLeaders: ['lisi'], email: '', status: 1 },
        { userid: 'wangwu', name: '王五', departmentIds: ['3'], directLeaders: [], email: '', status: 1 },
      ],
      Date.now(),
    );
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('shows an alert with the conversation around each hit and the policy version, and audits the read', async () => {
    const alert = await seededAlert(['m-05', 'm-01']);
    const response = await call('GET', `/${alert.alertId}`, undefined, READER_KEY);
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ id: alert.alertId, status: 'new', version: 1, assignee: null, resolution: null, policy: { id: 'default', version: 7 }, transitions: [], comments: [], hitCount: 1 });
    expect(body.hits).toEqual([{ id: alert.dedupKey, message: 'm-05', severity: 'high', excerpt: '走飞单', policyVersion: 7, at: new Date(alert.createdAt).toISOString() }]);
    expect(body.context.map((c: any) => [c.msgid, c.messages.map((m: any) => m.msgid)])).toEqual([
      ['m-05', ['m-00', 'm-01', 'm-02', 'm-03', 'm-04', 'm-05', 'm-06', 'm-07', 'm-08', 'm-09', 'm-10']],
      ['m-01', ['m-00', 'm-01', 'm-02', 'm-03', 'm-04', 'm-05', 'm-06']],
    ]);
    expect(body.context[0].messages[5]).toMatchObject({ msgid: 'm-05', text: '第5句' });
    expect(body.employee).toBe('zhangsan');
    const listed = await json(await call('GET', `?corpId=${CORP}&pageSize=100`, undefined, READER_KEY));
    expect(listed.items.find((a: any) => a.id === alert.alertId)).toMatchObject({ employee: 'zhangsan', employeeName: '张三' });
    expect(body.employeeProfile).toEqual({ userid: 'zhangsan', name: '张三', departmentIds: ['2', '9'], directLeaders: ['lisi'], email: '', status: 1, departments: [{ id: '2', name: '华东销售' }] });
    const { items } = await store.auditLog.list({ offset: 0, limit: 50 });
    const read = items.find((e) => e.action === 'alerts.read' && JSON.parse(e.details).alertId === alert.alertId);
    expect(read?.actorName).toBe('auditor');
    expect(JSON.parse(read!.details).returned).toHaveLength(11);
  });

  it('answers 404 for an unknown alert on read, change and comment', async () => {
    const missing = randomUUID();
    for (const response of [
      await call('GET', `/${missing}`),
      await patch(missing, { status: 'acknowledged', expectedVersion: 1, reason: 'x' }),
      await call('POST', `/${missing}/comments`, { body: 'hello' }),
    ]) {
      expect(response.status).toBe(404);
      expect((await json(response)).error).toMatchObject({ code: 'not_found', message: `no alert has the id ${missing}` });
    }
  });

  it('takes an alert through review, recording who, when and why', async () => {
    const alert = await seededAlert();
    const acknowledged = await patch(alert.alertId, { status: 'acknowledged', expectedVersion: 1, reason: 'taking it', assignee: 'lisi' });
    expect(acknowledged.status).toBe(200);
    expect(await json(acknowledged)).toMatchObject({ status: 'acknowledged', version: 2, assignee: 'lisi' });
    expect((await patch(alert.alertId, { status: 'in_review', expectedVersion: 2, reason: 'reading' })).status).toBe(200);
    const resolved = await patch(alert.alertId, { status: 'resolved', expectedVersion: 3, reason: 'a joke among friends', resolution: 'no_action_needed' });
    expect(await json(resolved)).toMatchObject({ status: 'resolved', version: 4, assignee: 'lisi', resolution: 'no_action_needed' });

    const again = await patch(alert.alertId, { status: 'resolved', expectedVersion: 4, reason: 'twice', resolution: 'false_positive' });
    expect(again.status).toBe(409);
    expect(await json(again)).toEqual({ error: { code: 'conflict', message: 'the alert is already resolved' } });

    const body = await json(await call('GET', `/${alert.alertId}`));
    expect(body.transitions.map((t: any) => [t.from, t.to, t.reason])).toEqual([
      ['new', 'acknowledged', 'taking it'],
      ['acknowledged', 'in_review', 'reading'],
      ['in_review', 'resolved', 'a joke among friends'],
    ]);
    expect(body.transitions[0].actor).toMatch(/^configured admin key \(key [0-9a-f-]{36}\)$/);
    expect(Number.isNaN(Date.parse(body.transitions[0].at))).toBe(false);
  });

  it('refuses a move the workflow does not allow with the reason, and a stale version with 409', async () => {
    const alert = await seededAlert();
    const skipping = await patch(alert.alertId, { status: 'resolved', expectedVersion: 1, reason: 'done', resolution: 'false_positive' });
    expect(skipping.status).toBe(409);
    expect((await json(skipping)).error.message).toBe('an alert in status new cannot move to resolved; allowed: acknowledged, escalated');
    expect((await patch(alert.alertId, { status: 'acknowledged', expectedVersion: 1, reason: 'mine' })).status).toBe(200);
    const stale = await patch(alert.alertId, { status: 'escalated', expectedVersion: 1, reason: 'mine too' });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.message).toContain('is at version 2, not 1');
  });

  it('lets exactly one of two reviewers acting on the same version win', async () => {
    const alert = await seededAlert();
    const responses = await Promise.all([
      patch(alert.alertId, { status: 'acknowledged', expectedVersion: 1, reason: 'alice' }),
      patch(alert.alertId, { status: 'escalated', expectedVersion: 1, reason: 'bob' }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await store.alerts.transitions(alert.alertId)).toHaveLength(1);
  });

  it('answers 400 naming the field for a malformed change or comment', async () => {
    const alert = await seededAlert();
    const cases: [unknown, string][] = [
      [{ status: 'closed', expectedVersion: 1, reason: 'x' }, 'status: '],
      [{ status: 'acknowledged', reason: 'x' }, 'expectedVersion: '],
      [{ status: 'acknowledged', expectedVersion: 1, reason: '  ' }, 'reason: reason is required'],
      [{ status: 'resolved', expectedVersion: 1, reason: 'x', resolution: 'maybe' }, 'resolution: '],
    ];
    for (const [body, field] of cases) {
      const response = await patch(alert.alertId, body);
      expect(response.status).toBe(400);
      expect((await json(response)).error.message).toContain(field);
    }
    const comment = await call('POST', `/${alert.alertId}/comments`, { body: '' });
    expect(comment.status).toBe(400);
    expect((await json(comment)).error.message).toBe('body: body is required');
    expect(await store.alerts.find(alert.alertId)).toMatchObject({ version: 1 });
  });

  it('keeps comments in order with their author', async () => {
    const alert = await seededAlert();
    for (const text of ['first look', '已联系主管']) {
      const response = await call('POST', `/${alert.alertId}/comments`, { body: text });
      expect(response.status).toBe(201);
      expect(await json(response)).toMatchObject({ body: text, author: expect.stringMatching(/^configured admin key/) });
    }
    const body = await json(await call('GET', `/${alert.alertId}`, undefined, READER_KEY));
    expect(body.comments.map((c: any) => c.body)).toEqual(['first look', '已联系主管']);
  });

  describe('a reviewer key scoped to a department', () => {
    let reviewer: { id: string; key: string };

    beforeAll(async () => {
      const issued = await request('POST', '/api-keys', { name: '华东合规', role: 'reviewer', scope: { corpIds: [CORP], departmentIds: ['2'] } });
      expect(issued.status).toBe(201);
      reviewer = await json(issued);
    });

    it('reviews and comments on the alerts in its scope, recorded as acting with its key like an admin', async () => {
      const alert = await seededAlert();
      const moved = await patch(alert.alertId, { status: 'acknowledged', expectedVersion: 1, reason: '华东跟进', assignee: 'lisi' }, reviewer.key);
      expect(moved.status).toBe(200);
      expect(await json(moved)).toMatchObject({ status: 'acknowledged', version: 2, assignee: 'lisi' });
      const commented = await call('POST', `/${alert.alertId}/comments`, { body: '已约谈' }, reviewer.key);
      expect(commented.status).toBe(201);
      const actor = `华东合规 (key ${reviewer.id})`;
      expect(await json(commented)).toMatchObject({ author: actor });
      const body = await json(await call('GET', `/${alert.alertId}`, undefined, reviewer.key));
      expect(body.transitions.map((t: any) => [t.from, t.to, t.actor])).toEqual([['new', 'acknowledged', actor]]);
      expect(body.comments.map((c: any) => [c.body, c.author])).toEqual([['已约谈', actor]]);
    });

    it('gets 404 on changing or commenting on an alert out of its scope, as if it did not exist, and changes nothing', async () => {
      const south = await seededAlert(['m-05'], 'wangwu');
      for (const response of [
        await patch(south.alertId, { status: 'acknowledged', expectedVersion: 1, reason: 'not mine' }, reviewer.key),
        await call('POST', `/${south.alertId}/comments`, { body: 'not mine' }, reviewer.key),
        await call('GET', `/${south.alertId}`, undefined, reviewer.key),
      ]) {
        expect(response.status).toBe(404);
        expect((await json(response)).error).toEqual({ code: 'not_found', message: `no alert has the id ${south.alertId}` });
      }
      expect(await store.alerts.find(south.alertId)).toMatchObject({ status: 'new', version: 1 });
      expect(await store.alerts.comments(south.alertId)).toEqual([]);
      const listed = await json(await call('GET', `?corpId=${CORP}&pageSize=100`, undefined, reviewer.key));
      expect(listed.items.length).toBeGreaterThan(0);
      expect(listed.items.every((a: any) => a.employee === 'zhangsan')).toBe(true);
    });

    it('may not manage keys, policies, channels, routes or seals', async () => {
      const adminOnly: [string, string, unknown?][] = [
        ['POST', '/api-keys', { name: 'wider', role: 'reviewer' }],
        ['GET', '/api-keys'],
        ['DELETE', `/api-keys/${reviewer.id}`],
        ['PUT', '/policies/default', { document: {}, expectedVersion: 1 }],
        ['POST', '/policies/default/disable', { expectedVersion: 1 }],
        ['GET', '/alert-channels'],
        ['POST', '/alert-channels', { name: 'x', kind: 'webhook', settings: {} }],
        ['POST', '/alert-routes', { name: 'x', corpId: CORP, recipients: ['lisi'] }],
        ['PUT', '/alert-routes/any', { expectedVersion: 1 }],
        ['DELETE', '/alert-routes/any'],
        ['POST', '/archive/seal', { corpId: CORP, day: '2026-01-01' }],
        ['GET', `/archive/verify?corpId=${CORP}&day=2026-01-01`],
        ['POST', '/ingest/wecom/messages', { corpId: CORP, messages: [{}] }],
      ];
      for (const [method, path, body] of adminOnly) {
        const response = await request(method, path, body, reviewer.key);
        expect(response.status, `${method} ${path}`).toBe(403);
        expect((await json(response)).error.message).toBe(`the reviewer role may not ${method} /api/v1${path.split('?')[0]}`);
      }
    });
  });

  it('lets a reader read but not change or comment', async () => {
    const alert = await seededAlert();
    const change = await patch(alert.alertId, { status: 'acknowledged', expectedVersion: 1, reason: 'x' }, READER_KEY);
    expect(change.status).toBe(403);
    expect((await call('POST', `/${alert.alertId}/comments`, { body: 'x' }, READER_KEY)).status).toBe(403);
    expect((await call('GET', `/${alert.alertId}`, undefined, 'cv_wrong')).status).toBe(401);
  });
});
