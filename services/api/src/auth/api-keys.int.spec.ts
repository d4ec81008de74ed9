import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveStore } from '@chatvault/store';
import { startTestApi, type TestApi } from '../test-api';

const ADMIN_KEY = `cv_test_${randomUUID()}`;

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

describe('API key management on the embedded stack', () => {
  let api: TestApi;
  let store: ArchiveStore;
  /** The configured key is revoked along the way. */
  let workingAdminKey = ADMIN_KEY;
  const call = (method: string, path: string, key = ADMIN_KEY, body?: unknown) =>
    fetch(`${api.url}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  beforeAll(async () => {
    api = await startTestApi(ADMIN_KEY);
    store = api.store;
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('records issuing, listing and revoking in the audit log, never with the key or its hash', async () => {
    const issued = await json(await call('POST', '/api-keys', ADMIN_KEY, { name: '合规抽查工具', role: 'reader' }));
    await call('GET', '/api-keys');
    await call('DELETE', `/api-keys/${issued.id}`);
    const { items } = await store.auditLog.list({ offset: 0, limit: 10 });
    const entries = items.filter((e) => e.action.startsWith('api-keys.')).reverse();
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([
      ['api-keys.issue', 'configured admin key'],
      ['api-keys.list', 'configured admin key'],
      ['api-keys.revoke', 'configured admin key'],
    ]);
    expect(JSON.parse(entries[0]!.details)).toEqual({ keyId: issued.id, name: '合规抽查工具', role: 'reader', scope: null });
    const stored = (await store.apiKeys.list()).find((k) => k.id === issued.id)!;
    for (const entry of entries) {
      expect(entry.details).not.toContain(issued.key);
      expect(entry.details).not.toContain(stored.keyHash);
    }
  });

  it('refuses to revoke an unknown key or the last admin key, and revokes an admin key once another exists', async () => {
    expect((await call('DELETE', '/api-keys/no-such-key')).status).toBe(404);
    const [configured] = (await json(await call('GET', '/api-keys'))).items.filter((k: any) => k.role === 'admin');
    const lastAdmin = await call('DELETE', `/api-keys/${configured.id}`);
    expect(lastAdmin.status).toBe(409);
    expect((await json(lastAdmin)).error.message).toBe('this is the last admin key: issue another admin key before revoking it');

    const second = await json(await call('POST', '/api-keys', ADMIN_KEY, { name: 'second admin', role: 'admin' }));
    workingAdminKey = second.key;
    expect((await call('DELETE', `/api-keys/${configured.id}`, second.key)).status).toBe(200);
    expect((await json(await call('GET', '/alerts'))).error.message).toBe('the API key was revoked');
    expect((await call('GET', '/alerts', second.key)).status).toBe(200);
  });

  it('ends the alert stream of a key revoked while it is open', async () => {
    const admin = await json(await call('POST', '/api-keys', workingAdminKey, { name: 'stream test admin', role: 'admin' }));
    const reader = await json(await call('POST', '/api-keys', admin.key, { name: 'SOC 大屏', role: 'reader' }));
    const stream = await fetch(`${api.url}/api/v1/alerts/stream`, { headers: { authorization: `Bearer ${reader.key}` } });
    expect(stream.status).toBe(200);
    expect((await call('DELETE', `/api-keys/${reader.id}`, admin.key)).status).toBe(200);
    // Returns once the server has ended the stream.
    expect(await stream.text()).toBe(': connected\n\n');
  });

  it('names the key that saves a channel, a route or a policy version as it names a reviewer or a revoker: `<name> (key <id>)`', async () => {
    const editor = await json(await call('POST', '/api-keys', workingAdminKey, { name: '路由管理员', role: 'admin' }));
    const actor = `路由管理员 (key ${editor.id})`;
    await store.directory.saveEmployees('wwactors', [{ userid: 'officer', name: '合规专员', departmentIds: [], directLeaders: [], email: '', status: 1 }], 0);
    const saved = async (path: string, body: unknown, method = 'POST') => {
      const response = await call(method, path, editor.key, body);
      expect(response.status).toBeLessThan(300);
      return json(response);
    };
    const channel = await saved('/alert-channels', { name: 'SIEM', kind: 'webhook', settings: { url: 'https://siem.example.com/hook', secret: 's'.repeat(32) } });
    const route = await saved('/alert-routes', { name: '全公司', corpId: 'wwactors', match: {}, recipients: ['officer'] });
    const policy = { id: 'actors', name: '署名', version: 1, severity: 'low', categories: ['off-book-deal'], rules: [{ id: 'word', kind: 'lexicon', category: 'off-book-deal', keywords: ['署名测试'] }] };
    expect(await saved('/policies/actors', { document: policy, expectedVersion: 0 }, 'PUT')).toMatchObject({ savedBy: actor });
    expect([channel.updatedBy, route.updatedBy]).toEqual([actor, actor]);
    expect((await json(await call('GET', `/alert-channels/${channel.id}`, editor.key))).updatedBy).toBe(actor);
    expect((await json(await call('GET', `/alert-routes/${route.id}`, editor.key))).updatedBy).toBe(actor);
    expect((await json(await call('GET', '/policies/actors', editor.key))).history).toEqual([expect.objectContaining({ version: 1, savedBy: actor })]);

    const reader = await json(await call('POST', '/api-keys', editor.key, { name: '临时', role: 'reader' }));
    expect(await json(await call('DELETE', `/api-keys/${reader.id}`, editor.key))).toMatchObject({ revokedBy: actor });
  });
});
