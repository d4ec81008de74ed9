import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeWecomServer, SseClient, metricSample, offBookRecord, startEmbeddedStack, startRealStack, waitFor, type ChatVaultStack } from '@chatvault/testing';

const ADMIN_KEY = `cv_test_${randomUUID()}`;
const REJECTED = 'chatvault_ingest_http_messages_total{outcome="rejected"}';

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

/**
 * A SOC dashboard for one region gets a reader key scoped to that region's department: it sees the
 * alerts and messages of the employees in it and in every team below it, and nothing of the others.
 * The region's compliance officer gets a reviewer key with the same scope, and its importer an ingest
 * key scoped to the corp.
 */
describe.each([
  ['embedded default, one process', (env: Record<string, string>) => startEmbeddedStack(ADMIN_KEY, env)],
  ['real stack, one process per service', (env: Record<string, string>) => startRealStack(ADMIN_KEY, ['api', 'ingest', 'classification', 'alerting'], env)],
])('API keys scoped to departments: %s', (_name, start) => {
  const corpId = `wwkeys${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'chatvault-keys-'));
  const wecom = new FakeWecomServer({ corpId });
  let stack: ChatVaultStack;
  const call = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${stack.api}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const admin = (method: string, path: string, body?: unknown) => call(method, path, ADMIN_KEY, body);
  const refusal = async (response: Response) => ({ status: response.status, message: (await json(response)).error.message });
  /** How what the configured admin key changes names it. */
  const adminActor = async () => `configured admin key (key ${(await json(await admin('GET', '/api-keys'))).items.find((k: any) => k.name === 'configured admin key').id})`;
  const raisedFor = (stream: SseClient, employeeId: string) => stream.events.find((e) => e.event === 'alert.raised' && JSON.parse(e.data).employeeId === employeeId);

  beforeAll(async () => {
    // 总部 ─┬─ 华东销售 ── 上海组 (zhangsan)
    //       └─ 华南销售 (wangwu)
    wecom.org
      .addDepartment({ id: 1, name: '总部', parentid: 0 })
      .addDepartment({ id: 2, name: '华东销售', parentid: 1 })
      .addDepartment({ id: 21, name: '上海组', parentid: 2 })
      .addDepartment({ id: 3, name: '华南销售', parentid: 1 })
      .addUser({ userid: 'zhangsan', name: '张三', department: [21], status: 1 })
      .addUser({ userid: 'wangwu', name: '王五', department: [3], status: 1 });
    const wecomUrl = await wecom.start();
    const directoryFile = join(dir, 'directory-corps.json');
    writeFileSync(directoryFile, JSON.stringify({ corps: [{ corpId, contactSecret: wecom.secrets.contact, apiBaseUrl: wecomUrl }] }));
    stack = await start({ WECOM_DIRECTORY_CORPS_FILE: directoryFile });
    await waitFor(async () => (await admin('GET', `/directory/employees/wangwu?corpId=${corpId}`)).status === 200, { timeoutMs: 60_000, description: 'the directory synced from WeCom' });
  });

  afterAll(async () => {
    await stack?.stop();
    await wecom.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a key with a bad field, or a scope the directory does not know, naming it', async () => {
    expect(await refusal(await admin('POST', '/api-keys', { name: ' ', role: 'reader' }))).toEqual({ status: 400, message: 'name: name is required' });
    expect(await refusal(await admin('POST', '/api-keys', { name: 'x', role: 'root' }))).toEqual({ status: 400, message: 'role: role must be admin, reviewer, reader or ingest' });
    expect(await refusal(await admin('POST', '/api-keys', { name: 'x', role: 'reader', scope: { departmentIds: ['2'] } }))).toEqual({
      status: 400,
      message: 'scope.corpIds: name the corps whose departments these are',
    });
    expect(await refusal(await admin('POST', '/api-keys', { name: 'x', role: 'reader', scope: { corpIds: ['wwnowhere'] } }))).toEqual({
      status: 400,
      message: 'scope.corpIds.0: neither the directory nor the archive knows a corp wwnowhere',
    });
    expect(await refusal(await admin('POST', '/api-keys', { name: 'x', role: 'reader', scope: { corpIds: [corpId], departmentIds: ['2', '99'] } }))).toEqual({
      status: 400,
      message: `scope.departmentIds.1: the directory of ${corpId} has no department 99`,
    });
    expect(await refusal(await admin('POST', '/api-keys', { name: 'x', role: 'reviewer', scope: { corpIds: [corpId], departmentIds: ['99'] } }))).toEqual({
      status: 400,
      message: `scope.departmentIds.0: the directory of ${corpId} has no department 99`,
    });
    expect(await refusal(await admin('POST', '/api-keys', { name: 'x', role: 'ingest', scope: { corpIds: [corpId], departmentIds: ['2'] } }))).toEqual({
      status: 400,
      message: 'scope.departmentIds: an ingest key is scoped to corps only: it posts records of whole corps, and departments name employees',
    });
    expect(await refusal(await admin('POST', '/api-keys', { name: 'x', role: 'admin', scope: { corpIds: [corpId] } }))).toEqual({ status: 400, message: 'scope: an admin key takes no scope: it sees and does everything' });
  });

  it("streams, lists and shows a scoped reader only its department's alerts, messages and people, refuses alerts to an ingest key, and refuses a revoked key", async () => {
    const issued = await admin('POST', '/api-keys', { name: '华东 SOC 大屏', role: 'reader', scope: { corpIds: [corpId], departmentIds: ['2'] } });
    expect(issued.status).toBe(201);
    const reader = await json(issued);
    expect(reader).toMatchObject({ name: '华东 SOC 大屏', role: 'reader', scope: { corpIds: [corpId], departmentIds: ['2'] }, revokedAt: null, key: expect.stringMatching(/^cv_[A-Za-z0-9_-]{43}$/) });
    expect(reader).not.toHaveProperty('keyHash');
    const ingest = await json(await admin('POST', '/api-keys', { name: 'simulator', role: 'ingest' }));
    const listed = await json(await admin('GET', '/api-keys'));
    expect(listed.items.map((k: any) => k.id)).toEqual(expect.arrayContaining([reader.id, ingest.id]));
    for (const key of listed.items) expect(Object.keys(key).sort()).toEqual(['createdAt', 'id', 'name', 'revokedAt', 'revokedBy', 'role', 'scope']);
    expect((await call('POST', '/api-keys', reader.key, { name: 'wider', role: 'reader' })).status).toBe(403);

    const everything = await SseClient.open(`${stack.api}/api/v1/alerts/stream?corpId=${corpId}`, { authorization: `Bearer ${ADMIN_KEY}` });
    const region = await SseClient.open(`${stack.api}/api/v1/alerts/stream`, { authorization: `Bearer ${reader.key}` });
    try {
      // The other department's alert first: once the region's stream has its own, it has judged the other one.
      const south = offBookRecord({ from: 'wangwu' });
      expect((await call('POST', '/ingest/wecom/messages', ingest.key, { corpId, messages: [south] })).status).toBe(202);
      const southAlert = JSON.parse((await waitFor(() => raisedFor(everything, 'wangwu'), { timeoutMs: 30_000, description: "wangwu's alert on the admin stream" })).data);
      const east = offBookRecord({ from: 'zhangsan' });
      expect((await call('POST', '/ingest/wecom/messages', ingest.key, { corpId, messages: [east] })).status).toBe(202);
      const eastAlert = JSON.parse((await waitFor(() => raisedFor(region, 'zhangsan'), { timeoutMs: 30_000, description: "zhangsan's alert on the region's stream" })).data);
      expect(new Set(region.events.map((e) => JSON.parse(e.data).employeeId))).toEqual(new Set(['zhangsan']));

      const asReader = (path: string) => call('GET', path, reader.key);
      const all = (await json(await admin('GET', `/alerts?corpId=${corpId}`))).items;
      expect(all.map((a: any) => a.id)).toEqual(expect.arrayContaining([eastAlert.alertId, southAlert.alertId]));
      const listedToReader = await json(await asReader('/alerts'));
      expect(listedToReader.total).toBe(listedToReader.items.length);
      expect(listedToReader.items.map((a: any) => a.id)).toEqual(all.filter((a: any) => a.employee === 'zhangsan').map((a: any) => a.id));
      expect(listedToReader.items[0]).toMatchObject({ employee: 'zhangsan', employeeName: '张三' });
      const indexed = await waitFor(
        async () => {
          const body = await json(await admin('GET', `/alerts?corpId=${corpId}&severity=high`));
          return body.items.some((a: any) => a.id === southAlert.alertId) && body.items.some((a: any) => a.id === eastAlert.alertId) ? body.items : undefined;
        },
        { timeoutMs: 30_000, description: 'both alerts in the alerts index' },
      );
      const searchedByReader = await json(await asReader('/alerts?severity=high'));
      expect(searchedByReader.items.map((a: any) => a.id)).toEqual(indexed.filter((a: any) => a.employee === 'zhangsan').map((a: any) => a.id));
      expect(searchedByReader.total).toBe(searchedByReader.items.length);
      expect((await asReader(`/alerts/${encodeURIComponent(eastAlert.alertId)}`)).status).toBe(200);
      expect(await refusal(await asReader(`/alerts/${encodeURIComponent(southAlert.alertId)}`))).toEqual({ status: 404, message: `no alert has the id ${southAlert.alertId}` });

      expect((await asReader(`/messages/${east.msgid}?corpId=${corpId}`)).status).toBe(200);
      expect((await asReader(`/messages/${south.msgid}?corpId=${corpId}`)).status).toBe(404);
      expect((await asReader(`/messages/${south.msgid}/media/0?corpId=${corpId}`)).status).toBe(404);
      await waitFor(async () => (await json(await admin('GET', `/messages/search?corpId=${corpId}&q=飞单`))).total === 2, { timeoutMs: 30_000, description: 'both messages searchable' });
      expect(await json(await asReader('/messages/search?q=飞单'))).toMatchObject({ total: 1, items: [{ msgid: east.msgid, fromName: '张三' }] });
      // The total counts what is in scope, whatever the page: the query carries the scope.
      expect(await json(await asReader('/messages/search?q=飞单&page=2&pageSize=1'))).toEqual({ total: 1, page: 2, pageSize: 1, items: [] });
      expect((await json(await asReader('/alerts?page=2&pageSize=1'))).total).toBe(listedToReader.total);

      expect(await json(await asReader(`/directory/employees/zhangsan?corpId=${corpId}`))).toMatchObject({ name: '张三', departments: [{ id: '21', name: '上海组' }] });
      expect((await asReader(`/directory/employees/wangwu?corpId=${corpId}`)).status).toBe(404);

      expect(await refusal(await call('GET', '/alerts', ingest.key))).toEqual({ status: 403, message: 'the ingest role may not GET /api/v1/alerts' });

      const revoked = await admin('DELETE', `/api-keys/${reader.id}`);
      expect(revoked.status).toBe(200);
      expect(await json(revoked)).toMatchObject({ id: reader.id, revokedAt: expect.any(String), revokedBy: await adminActor() });
      expect(await refusal(await asReader('/alerts'))).toEqual({ status: 401, message: 'the API key was revoked' });
      await expect(SseClient.open(`${stack.api}/api/v1/alerts/stream`, { authorization: `Bearer ${reader.key}` })).rejects.toThrow(/answered 401/);
      expect((await json(await admin('GET', '/api-keys'))).items.find((k: any) => k.id === reader.id)).toMatchObject({ revokedAt: expect.any(String) });
    } finally {
      region.close();
      everything.close();
    }
  });
  it("lets a reviewer scoped to a department review its employees' alerts as itself, and nothing else, on records an ingest key scoped to the corp posted", async () => {
    const ingest = await json(await admin('POST', '/api-keys', { name: '华东导入', role: 'ingest', scope: { corpIds: [corpId] } }));
    const issued = await admin('POST', '/api-keys', { name: '华东合规', role: 'reviewer', scope: { corpIds: [corpId], departmentIds: ['2'] } });
    expect(issued.status).toBe(201);
    const reviewer = await json(issued);
    expect(reviewer).toMatchObject({ role: 'reviewer', scope: { corpIds: [corpId], departmentIds: ['2'] } });

    // Customers of their own, so these hits open alerts rather than join earlier ones.
    const east = offBookRecord({ from: 'zhangsan', tolist: ['wmReviewEast'] });
    const south = offBookRecord({ from: 'wangwu', tolist: ['wmReviewSouth'] });
    const elsewhere = offBookRecord();
    const rejectedBefore = await metricSample(stack.api, REJECTED);
    expect(await json(await call('POST', '/ingest/wecom/messages', ingest.key, { corpId, messages: [east, south] }))).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await json(await call('POST', '/ingest/wecom/messages', ingest.key, { corpId: 'wwelsewhere', messages: [elsewhere] }))).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [{ index: 0, msgid: elsewhere.msgid, error: "the key's scope does not include corp wwelsewhere" }],
    });
    expect(await metricSample(stack.api, REJECTED)).toBe(rejectedBefore + 1);

    const alertOf = (msgid: string) =>
      waitFor(async () => (await json(await admin('GET', `/alerts?corpId=${corpId}&pageSize=100`))).items.find((a: any) => a.messages.includes(msgid)), { timeoutMs: 30_000, description: `the alert on ${msgid}` });
    const eastAlert = await alertOf(east.msgid);
    const southAlert = await alertOf(south.msgid);
    const asReviewer = (method: string, path: string, body?: unknown) => call(method, path, reviewer.key, body);
    const eastPath = `/alerts/${encodeURIComponent(eastAlert.id)}`;
    const southPath = `/alerts/${encodeURIComponent(southAlert.id)}`;

    expect((await asReviewer('PATCH', eastPath, { status: 'acknowledged', expectedVersion: eastAlert.version, reason: '华东跟进' })).status).toBe(200);
    expect((await asReviewer('POST', `${eastPath}/comments`, { body: '已约谈' })).status).toBe(201);
    const detail = await json(await asReviewer('GET', eastPath));
    const actor = `华东合规 (key ${reviewer.id})`;
    expect(detail).toMatchObject({ status: 'acknowledged', transitions: [{ from: 'new', to: 'acknowledged', actor }], comments: [{ body: '已约谈', author: actor }] });

    const notFound = { status: 404, message: `no alert has the id ${southAlert.id}` };
    expect(await refusal(await asReviewer('PATCH', southPath, { status: 'acknowledged', expectedVersion: southAlert.version, reason: 'not mine' }))).toEqual(notFound);
    expect(await refusal(await asReviewer('POST', `${southPath}/comments`, { body: 'not mine' }))).toEqual(notFound);
    expect(await json(await admin('GET', southPath))).toMatchObject({ status: 'new', version: southAlert.version, comments: [] });
    expect(await refusal(await asReviewer('GET', '/api-keys'))).toEqual({ status: 403, message: 'the reviewer role may not GET /api/v1/api-keys' });
  });

  it("shows a key scoped to a department the routes that could route its employees' alerts, and answers 404 for the others", async () => {
    const reviewer = await json(await admin('POST', '/api-keys', { name: '华东合规 路由', role: 'reviewer', scope: { corpIds: [corpId], departmentIds: ['2'] } }));
    const route = async (name: string, departmentIds?: string[]) => {
      const response = await admin('POST', '/alert-routes', { name, corpId, match: departmentIds ? { departmentIds } : {}, recipients: ['wangwu'] });
      expect(response.status).toBe(201);
      return (await json(response)).id as string;
    };
    await route('全公司');
    await route('总部', ['1']);
    await route('上海组', ['21']);
    const south = await route('华南销售', ['3']);
    const listed = await json(await call('GET', `/alert-routes?corpId=${corpId}`, reviewer.key));
    expect(listed.items.map((r: any) => r.name).sort()).toEqual(['上海组', '全公司', '总部']);
    expect(new Set(listed.items.map((r: any) => r.updatedBy))).toEqual(new Set([await adminActor()]));
    expect(await refusal(await call('GET', `/alert-routes/${south}`, reviewer.key))).toEqual({ status: 404, message: `no alert route has the id ${south}` });
    expect((await json(await admin('GET', `/alert-routes?corpId=${corpId}`))).items).toHaveLength(4);
  });
});
