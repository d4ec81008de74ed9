import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEmployee } from '@chatvault/store';
import { startTestApi, type TestApi } from '../test-api';

const ADMIN_KEY = `cv_test_${randomUUID()}`;
const EAST = 'wwroutes-east';
const OTHER = 'wwroutes-other';

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

const employee = (userid: string, departmentIds: string[]): DirectoryEmployee => ({ userid, name: userid, departmentIds, directLeaders: [], email: '', status: 1 });

/** Routes as scoped keys read them: a corp's compliance officers see who hears of their employees' alerts, and no more. */
describe('alert routes read with a scoped key, on the embedded stack', () => {
  let api: TestApi;
  const routes = new Map<string, string>();
  const call = (method: string, path: string, key = ADMIN_KEY, body?: unknown) =>
    fetch(`${api.url}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const issue = async (role: string, scope?: unknown) => (await json(await call('POST', '/api-keys', ADMIN_KEY, { name: `${role} key`, role, scope }))).key as string;
  const listedTo = async (key: string, query = '') => (await json(await call('GET', `/alert-routes${query}`, key))).items.map((r: any) => r.name).sort();

  beforeAll(async () => {
    api = await startTestApi(ADMIN_KEY);
    // 1 总部 ─┬─ 2 华东 ── 21 上海
    //         └─ 3 华南
    await api.store.directory.saveDepartments(
      EAST,
      [
        { id: '1', name: '总部', parentId: null, leaders: [] },
        { id: '2', name: '华东', parentId: '1', leaders: [] },
        { id: '21', name: '上海', parentId: '2', leaders: [] },
        { id: '3', name: '华南', parentId: '1', leaders: [] },
      ],
      0,
    );
    await api.store.directory.saveEmployees(EAST, [employee('zhangsan', ['21']), employee('wangwu', ['3']), employee('officer', ['1'])], 0);
    await api.store.directory.saveDepartments(OTHER, [{ id: '1', name: '总部', parentId: null, leaders: [] }], 0);
    await api.store.directory.saveEmployees(OTHER, [employee('officer', ['1'])], 0);
    const created: [string, string, string[] | undefined][] = [
      ['east: everyone', EAST, undefined],
      ['east: 总部', EAST, ['1']],
      ['east: 华东', EAST, ['2']],
      ['east: 上海', EAST, ['21']],
      ['east: 华南', EAST, ['3']],
      ['other: everyone', OTHER, undefined],
    ];
    for (const [name, corpId, departmentIds] of created) {
      const response = await call('POST', '/alert-routes', ADMIN_KEY, { name, corpId, match: departmentIds ? { departmentIds } : {}, recipients: ['officer'] });
      expect(response.status).toBe(201);
      routes.set(name, (await json(response)).id);
    }
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('shows an unscoped key every route', async () => {
    expect(await listedTo(ADMIN_KEY)).toEqual([...routes.keys()].sort());
    expect(await listedTo(await issue('reader'))).toEqual([...routes.keys()].sort());
  });

  it("shows a key scoped to corps the routes of its corps only, and answers 404 for another corp's", async () => {
    const reader = await issue('reader', { corpIds: [EAST] });
    expect(await listedTo(reader)).toEqual(['east: everyone', 'east: 上海', 'east: 华东', 'east: 华南', 'east: 总部']);
    expect(await listedTo(reader, `?corpId=${OTHER}`)).toEqual([]);
    const other = routes.get('other: everyone')!;
    const hidden = await call('GET', `/alert-routes/${other}`, reader);
    expect(hidden.status).toBe(404);
    expect((await json(hidden)).error).toEqual({ code: 'not_found', message: `no alert route has the id ${other}` });
    expect((await call('GET', `/alert-routes/${routes.get('east: 华南')}`, reader)).status).toBe(200);
  });

  it("shows a key scoped to departments the routes that could route its employees' alerts: no department, theirs, or one above", async () => {
    const reviewer = await issue('reviewer', { corpIds: [EAST], departmentIds: ['2'] });
    expect(await listedTo(reviewer)).toEqual(['east: everyone', 'east: 上海', 'east: 华东', 'east: 总部']);
    expect(await listedTo(reviewer, `?corpId=${EAST}`)).toEqual(['east: everyone', 'east: 上海', 'east: 华东', 'east: 总部']);
    expect((await call('GET', `/alert-routes/${routes.get('east: 上海')}`, reviewer)).status).toBe(200);
    const south = routes.get('east: 华南')!;
    expect(await json(await call('GET', `/alert-routes/${south}`, reviewer))).toEqual({ error: { code: 'not_found', message: `no alert route has the id ${south}` } });
    expect((await call('PUT', `/alert-routes/${south}`, reviewer, { expectedVersion: 1 })).status).toBe(403);
    expect((await call('DELETE', `/alert-routes/${south}`, reviewer)).status).toBe(403);
  });
});
