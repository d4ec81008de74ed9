import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureProblemRecord } from '@chatvault/store';
import { startTestApi, type TestApi } from '../test-api';

const ADMIN_KEY = `cv_test_${randomUUID()}`;
const EAST = 'wwcapture-east';
const OTHER = 'wwcapture-other';
const DAY = '2026-01-01';
const DAY_START = Date.UTC(2025, 11, 31, 16);

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

const problem = (corpId: string, msgid: string, minute: number): CaptureProblemRecord => ({
  eventId: `${corpId}:${msgid}`,
  corpId,
  kind: 'decrypt-failed',
  detail: 'unknown key version 3',
  seqFrom: null,
  seqTo: null,
  msgid,
  count: 1,
  occurredAt: DAY_START + minute * 60_000,
});

/** Capture problems name msgids and reconciliation counts a corp's records: a scoped key reads only the corps it sees whole. */
describe('capture problems and reconciliation read with a scoped key, on the embedded stack', () => {
  let api: TestApi;
  const get = (path: string, key: string) => fetch(`${api.url}/api/v1/archive/capture${path}`, { headers: { authorization: `Bearer ${key}` } });
  const issue = async (role: string, scope?: unknown, name = `${role} key`) => {
    const response = await fetch(`${api.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, role, scope }),
    });
    expect(response.status).toBe(201);
    return (await json(response)).key as string;
  };
  const listedTo = async (key: string, query = '') => {
    const { total, items } = await json(await get(`/problems${query}`, key));
    expect(total).toBe(items.length);
    return items.map((p: any) => p.message);
  };

  beforeAll(async () => {
    api = await startTestApi(ADMIN_KEY);
    for (const corpId of [EAST, OTHER]) await api.store.directory.saveDepartments(corpId, [{ id: '2', name: '华东', parentId: null, leaders: [] }], 0);
    for (const p of [problem(EAST, 'east-1', 1), problem(OTHER, 'other-1', 2), problem(EAST, 'east-2', 3)]) await api.store.capture.recordProblem(p);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('lists every corp to an unscoped key', async () => {
    expect(await listedTo(await issue('reader'))).toEqual(['east-2', 'other-1', 'east-1']);
  });

  it("lists a key scoped to corps its corps' problems only, and none of another corp it names", async () => {
    const reader = await issue('reader', { corpIds: [EAST] });
    expect(await listedTo(reader)).toEqual(['east-2', 'east-1']);
    // The total counts what is in scope, whatever the page: the query carries the scope.
    expect(await json(await get(`/problems?corpId=${EAST}&page=2&pageSize=1`, reader))).toMatchObject({ total: 2, items: [{ message: 'east-1' }] });
    expect(await json(await get(`/problems?corpId=${OTHER}`, reader))).toEqual({ total: 0, page: 1, pageSize: 20, items: [] });
    expect(await listedTo(await issue('reviewer', { corpIds: [EAST, OTHER] }))).toEqual(['east-2', 'other-1', 'east-1']);
  });

  it("reads a key scoped to corps its corps' reconciliation, and answers 404 for another corp's", async () => {
    const reader = await issue('reader', { corpIds: [EAST] });
    const east = await get(`/reconciliation?corpId=${EAST}&day=${DAY}`, reader);
    expect(east.status).toBe(200);
    expect(await json(east)).toEqual(await json(await get(`/reconciliation?corpId=${EAST}&day=${DAY}`, ADMIN_KEY)));
    const other = await get(`/reconciliation?corpId=${OTHER}&day=${DAY}`, reader);
    expect(other.status).toBe(404);
    expect(await json(other)).toEqual({
      error: { code: 'not_found', message: `the key's scope does not include the whole of corp ${OTHER}: its reconciliation counts the whole corp` },
    });
  });

  it('shows a key scoped to departments no problem and no reconciliation, as they concern no single employee', async () => {
    const reviewer = await issue('reviewer', { corpIds: [EAST], departmentIds: ['2'] });
    expect(await listedTo(reviewer)).toEqual([]);
    expect(await listedTo(reviewer, `?corpId=${EAST}`)).toEqual([]);
    const refused = await get(`/reconciliation?corpId=${EAST}&day=${DAY}`, reviewer);
    expect(refused.status).toBe(404);
    expect((await json(refused)).error.message).toBe(`the key's scope does not include the whole of corp ${EAST}: its reconciliation counts the whole corp`);
  });

  it('records in the read audit only the msgids a scoped key was answered', async () => {
    const reader = await issue('reader', { corpIds: [OTHER] }, '审计抽查');
    expect(await listedTo(reader)).toEqual(['other-1']);
    const { items } = await api.store.auditLog.list({ offset: 0, limit: 100 });
    const read = items.filter((e) => e.actorName === '审计抽查' && e.action === 'capture.problems');
    expect(read.map((e) => JSON.parse(e.details))).toEqual([{ returned: [`${OTHER}:other-1`] }]);
  });
});
