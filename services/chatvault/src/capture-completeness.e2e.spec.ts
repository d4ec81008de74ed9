import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { captureProblemV1, type CaptureProblem } from '@chatvault/contracts';
import { createMessageBus } from '@chatvault/bus';
import { businessDayOf, createArchiveStore, type ArchiveStore } from '@chatvault/store';
import { createLogger, loadConfig } from '@chatvault/platform';
import { ChatVaultProcess, createTestDatabase, dropNamespace, realStackEnv, waitFor, type RealStackEnv, type TestDatabase } from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

/**
 * A corp's capture concerns no single employee: a key scoped to the corp reads it as an admin does, and a
 * key scoped to another corp or to the corp's departments reads none of its problems and no reconciliation.
 */
async function expectCaptureReadWithinScope(api: string, store: ArchiveStore, corpId: string, day: string): Promise<void> {
  const otherCorp = `${corpId}-other`;
  for (const known of [corpId, otherCorp]) await store.directory.saveDepartments(known, [{ id: '2', name: '华东', parentId: null, leaders: [] }], Date.now());
  const get = (path: string, key: string) => fetch(`${api}/api/v1/archive/capture${path}`, { headers: { authorization: `Bearer ${key}` } });
  const issue = async (name: string, scope: unknown) => {
    const response = await fetch(`${api}/api/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ name, role: 'reader', scope }),
    });
    expect(response.status).toBe(201);
    return (await json(response)).key as string;
  };
  const problems = `/problems?corpId=${corpId}`;
  const reconciliation = `/reconciliation?corpId=${corpId}&day=${day}`;
  const toAdmin = await json(await get(problems, API_KEY));
  expect(toAdmin.total).toBeGreaterThan(0);

  const own = await issue('本公司 SOC', { corpIds: [corpId] });
  expect(await json(await get('/problems', own))).toEqual(toAdmin);
  expect(await json(await get(reconciliation, own))).toEqual(await json(await get(reconciliation, API_KEY)));
  for (const key of [await issue('他公司 SOC', { corpIds: [otherCorp] }), await issue('华东 SOC', { corpIds: [corpId], departmentIds: ['2'] })]) {
    expect(await json(await get(problems, key))).toEqual({ total: 0, page: 1, pageSize: 20, items: [] });
    const refused = await get(reconciliation, key);
    expect({ status: refused.status, body: await json(refused) }).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: `the key's scope does not include the whole of corp ${corpId}: its reconciliation counts the whole corp` } },
    });
  }
}

describe('capture completeness on the real stack: problems recorded, alerted and reconciled with what each day received', () => {
  const corpId = `corp-${randomUUID().slice(0, 8)}`;
  const ns = `e2e-${randomUUID().slice(0, 8)}`;
  let database: TestDatabase;
  let env: RealStackEnv;
  let processes: ChatVaultProcess[];
  let api: string;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${api}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    env = realStackEnv(database, ns, API_KEY);
    processes = await Promise.all(['ingest', 'alerting', 'api'].map(async (name) => ChatVaultProcess.start(name, { ...env, TARGET: name })));
    api = processes.find((p) => p.name === 'api')!.url;
  });

  afterAll(async () => {
    await Promise.all((processes ?? []).map((p) => p.stop()));
    await database?.drop();
    if (env) await dropNamespace(env, ns);
  });

  it('lists a reported problem, raises an alert for it, counts archived, duplicate and problem records for the day, and shows them within scope', async () => {
    const messages = ['m-1', 'm-2', 'm-3'].map((msgid, i) => ({
      msgid,
      action: 'send',
      from: 'zhangsan',
      tolist: ['wmCustomer1'],
      roomid: '',
      msgtime: Date.now() - 60_000 + i,
      msgtype: 'text',
      text: { content: `您好 ${i}` },
    }));
    expect(await json(await call('POST', '/api/v1/ingest/wecom/messages', { corpId, messages }))).toMatchObject({ accepted: 3, duplicates: 0 });
    const day = businessDayOf(Date.now());
    await waitFor(async () => (await json(await call('GET', `/api/v1/archive/capture/reconciliation?corpId=${corpId}&day=${day}`))).archived === 3 || undefined, {
      timeoutMs: 30_000,
      description: 'three messages archived',
    });
    expect(await json(await call('POST', '/api/v1/ingest/wecom/messages', { corpId, messages: messages.slice(0, 2) }))).toMatchObject({ accepted: 0, duplicates: 2 });

    const problem: CaptureProblem = {
      eventId: `gap-${randomUUID()}`,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      corpId,
      kind: 'seq-gap',
      detail: 'seq 101–140 missing between two batches',
      seqFrom: 101,
      seqTo: 140,
      count: 40,
    };
    const bus = createMessageBus(loadConfig(env), createLogger('silent'));
    try {
      await bus.publish(captureProblemV1, [problem, problem]);
    } finally {
      await bus.stop();
    }

    const listed = await waitFor(
      async () => {
        const body = await json(await call('GET', `/api/v1/archive/capture/problems?corpId=${corpId}`));
        return body.total === 1 ? body : undefined;
      },
      { timeoutMs: 30_000, description: 'the problem recorded once' },
    );
    expect(listed.items[0]).toMatchObject({ id: problem.eventId, kind: 'seq-gap', seqFrom: 101, seqTo: 140, count: 40, detail: problem.detail });

    const alerts = await waitFor(
      async () => {
        const body = await json(await call('GET', `/api/v1/alerts?corpId=${corpId}`));
        return body.total === 1 ? body : undefined;
      },
      { timeoutMs: 30_000, description: 'an alert for the problem' },
    );
    expect(alerts.items[0]).toMatchObject({ rule: 'capture.seq-gap', category: 'capture-problem', severity: 'high', hitCount: 1 });

    expect(await json(await call('GET', `/api/v1/archive/capture/reconciliation?corpId=${corpId}&day=${day}`))).toEqual({
      corpId,
      day,
      pulled: 0,
      decrypted: 0,
      decryptFailed: 0,
      pendingDecrypt: 0,
      received: [{ source: 'http', archived: 3, duplicate: 2 }],
      archived: 3,
      duplicate: 2,
      problems: { 'seq-gap': 40 },
      complete: false,
    });

    const store = await createArchiveStore(loadConfig({ DATABASE_URL: database.url }), createLogger('silent'));
    try {
      await expectCaptureReadWithinScope(api, store, corpId, day);
    } finally {
      await store.close();
    }
  });

  it('names the bad field of a reconciliation or problem query', async () => {
    const noCorp = await call('GET', '/api/v1/archive/capture/reconciliation?day=2026-01-01');
    expect(noCorp.status).toBe(400);
    expect((await json(noCorp)).error.message).toContain('corpId');
    const badKind = await call('GET', '/api/v1/archive/capture/problems?kind=lost');
    expect(badKind.status).toBe(400);
    expect((await json(badKind)).error.message).toContain('kind');
  });
});

describe('capture reconciliation on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-e2e-'));
  let chatvault: ChatVaultProcess;
  /** The process's own database: the embedded bus cannot be reached from here, so problems are recorded in it directly. */
  let store: ArchiveStore;

  beforeAll(async () => {
    chatvault = await ChatVaultProcess.start('all', { TARGET: 'all', DATA_DIR: dataDir, CHATVAULT_API_KEY: API_KEY, LOG_LEVEL: 'warn' });
    store = await createArchiveStore(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
  });

  afterAll(async () => {
    await store?.close();
    await chatvault?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts what was archived and what came again', async () => {
    const corpId = `corp-${randomUUID().slice(0, 8)}`;
    const post = (messages: unknown[]) =>
      fetch(`${chatvault.url}/api/v1/ingest/wecom/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
        body: JSON.stringify({ corpId, messages }),
      });
    const message = { msgid: 'e-1', action: 'send', from: 'zhangsan', tolist: ['wmCustomer1'], roomid: '', msgtime: Date.now(), msgtype: 'text', text: { content: '好的' } };
    await post([message]);
    await post([message, message]);
    const day = businessDayOf(Date.now());
    const reconciliation = await waitFor(
      async () => {
        const response = await fetch(`${chatvault.url}/api/v1/archive/capture/reconciliation?corpId=${corpId}&day=${day}`, { headers: { authorization: `Bearer ${API_KEY}` } });
        const body = await json(response);
        return body.archived === 1 ? body : undefined;
      },
      { timeoutMs: 30_000, description: 'the message archived' },
    );
    expect(reconciliation).toMatchObject({ received: [{ source: 'http', archived: 1, duplicate: 2 }], complete: true });
  });

  it('shows a corp\'s problems and reconciliation only to keys that see the whole corp', async () => {
    const corpId = `corp-${randomUUID().slice(0, 8)}`;
    const at = Date.now();
    await store.capture.recordProblem({ eventId: `gap-${randomUUID()}`, corpId, kind: 'seq-gap', detail: 'seq 7–9 missing', seqFrom: 7, seqTo: 9, msgid: null, count: 3, occurredAt: at });
    await expectCaptureReadWithinScope(chatvault.url, store, corpId, businessDayOf(at));
  });
});
