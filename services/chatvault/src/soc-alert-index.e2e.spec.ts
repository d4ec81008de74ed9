import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore } from '@chatvault/store';
import { ChatVaultProcess, createTestDatabase, dropNamespace, offBookRecord, realStackEnv, waitFor, type RealStackEnv, type TestDatabase } from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;
const ELASTICSEARCH_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';

function offBookBatch(corpId: string, msgid: string) {
  return { corpId, messages: [offBookRecord({ msgid })] };
}

function caller(api: () => string) {
  return (method: string, path: string, body?: unknown) =>
    fetch(`${api()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

/** The embedded index serves the same alert search through the API. */
describe('alert search: embedded default, one process', () => {
  const corpId = `corp-${randomUUID().slice(0, 8)}`;
  let dataDir: string;
  let all: ChatVaultProcess;
  const call = caller(() => all.url);
  const listed = async (query: string): Promise<any> => (await call('GET', `/api/v1/alerts?corpId=${corpId}&${query}`)).json();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chatvault-soc-'));
    all = await ChatVaultProcess.start('all', { TARGET: 'all', DATA_DIR: dataDir, CHATVAULT_API_KEY: API_KEY, LOG_LEVEL: 'warn' });
  });

  afterAll(async () => {
    await all?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds an alert by text and facets, and follows its status', async () => {
    expect((await call('POST', '/api/v1/ingest/wecom/messages', offBookBatch(corpId, `m-${randomUUID()}`))).status).toBe(202);
    const raised = await waitFor(async () => (await listed(`q=${encodeURIComponent('飞单')}&employee=zhangsan`)).items?.[0], { timeoutMs: 30_000, description: 'the alert found by text' });
    expect(raised).toMatchObject({ status: 'new', severity: 'high', category: 'off-book-deal' });
    const changed = await call('PATCH', `/api/v1/alerts/${encodeURIComponent(raised.id)}`, { status: 'acknowledged', expectedVersion: 1, reason: '我来跟进' });
    expect(changed.status).toBe(200);
    await waitFor(async () => (await listed('status=acknowledged')).total === 1, { timeoutMs: 30_000, description: 'the acknowledged alert found by status' });
    expect((await listed('status=new')).total).toBe(0);
  });
});

/** What a SOC tool reads: the alerts index, straight from Elasticsearch, without ChatVault's API. */
describe('alerts for SOC tools: real stack, one process per service', () => {
  const ns = `soc-${randomUUID().slice(0, 8)}`;
  const corpId = `corp-${randomUUID().slice(0, 8)}`;
  const elasticsearch = new Client({ node: ELASTICSEARCH_URL });
  let database: TestDatabase;
  let env: RealStackEnv;
  let processes: ChatVaultProcess[] = [];
  let api: string;

  const call = caller(() => api);

  /** The indexed alerts of this test's corp, once the index has refreshed on its own. */
  async function indexedAlerts(): Promise<any[]> {
    const response = await elasticsearch.search({ index: `${ns}-alerts`, query: { term: { corpId } }, size: 10 });
    return response.hits.hits.map((hit) => hit._source);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    env = realStackEnv(database, ns, API_KEY);
    processes = await Promise.all(['api', 'ingest', 'classification', 'alerting'].map(async (name) => ChatVaultProcess.start(name, { ...env, TARGET: name })));
    api = processes[0]!.url;
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await database?.drop();
    if (env) await dropNamespace(env, ns);
    await elasticsearch.close();
  });

  it('indexes an alert raised by a classified message, then the status a reviewer gives it', async () => {
    const msgid = `m-${randomUUID()}`;
    expect((await call('POST', '/api/v1/ingest/wecom/messages', offBookBatch(corpId, msgid))).status).toBe(202);

    const [raised] = await waitFor(async () => ((await indexedAlerts()).length > 0 ? indexedAlerts() : undefined), {
      timeoutMs: 60_000,
      description: 'the alert in the Elasticsearch alerts index',
    });
    expect(raised).toMatchObject({ corpId, employeeId: 'zhangsan', ruleId: 'off-book-deal', category: 'off-book-deal', severity: 'high', status: 'new', version: 1, hitCount: 1, msgids: [msgid] });

    const changed = await call('PATCH', `/api/v1/alerts/${encodeURIComponent(raised.alertId)}`, { status: 'acknowledged', expectedVersion: 1, reason: '我来跟进', assignee: 'lisi' });
    expect(changed.status).toBe(200);

    const [acknowledged] = await waitFor(
      async () => {
        const alerts = await indexedAlerts();
        return alerts[0]?.status === 'acknowledged' ? alerts : undefined;
      },
      { timeoutMs: 30_000, description: 'the acknowledged status in the alerts index' },
    );
    expect(acknowledged).toMatchObject({ alertId: raised.alertId, status: 'acknowledged', assignee: 'lisi', version: 2 });

    // The API answers text and filters from the same index, and audits the read like any listing.
    const listed = async (query: string) => (await call('GET', `/api/v1/alerts?corpId=${corpId}&${query}`)).json() as Promise<any>;
    const found = await listed(`q=${encodeURIComponent('飞单')}&status=acknowledged&severity=high&category=off-book-deal&employee=zhangsan`);
    expect(found).toMatchObject({ total: 1, items: [{ id: raised.alertId, status: 'acknowledged', assignee: 'lisi', rule: 'off-book-deal' }] });
    expect((await listed('status=resolved')).total).toBe(0);
    expect((await listed(`q=${encodeURIComponent('返点')}`)).total).toBe(0);
    const invalid = await call('GET', `/api/v1/alerts?severity=urgent`);
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toContain('severity');
    const store = await createArchiveStore(loadConfig({ DATABASE_URL: database.url }), createLogger('silent'));
    try {
      const { items } = await store.auditLog.list({ offset: 0, limit: 50 });
      const audited = items.find((entry) => entry.action === 'alerts.list' && entry.details.includes('"status":"acknowledged"'));
      expect(JSON.parse(audited!.details)).toMatchObject({ corpId, q: '飞单', status: 'acknowledged', returned: [raised.alertId] });
    } finally {
      await store.close();
    }
  });
});
