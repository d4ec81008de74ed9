import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type ApiKeyRecord, type ApiKeyScope, type ArchiveStore } from '@chatvault/store';
import { Visibilities } from './visibilities';

/** Two corps whose departments share numbers, as WeCom numbers them per corp. */
describe('the scope a key resolves to', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-visibilities-'));
  let store: ArchiveStore;
  let visibilities: Visibilities;

  const keyScoped = (scope: ApiKeyScope | null): ApiKeyRecord => ({
    id: randomUUID(),
    name: 'SOC dashboard',
    keyHash: randomUUID(),
    role: 'reader',
    scope,
    createdAt: 0,
    revokedAt: null,
    revokedBy: null,
  });
  const withinOf = async (scope: ApiKeyScope | null) => (await visibilities.of(keyScoped(scope))).within;

  beforeAll(async () => {
    store = await createArchiveStore(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
    await store.migrate();
    const departments = [
      { id: '1', name: '总部', parentId: null, leaders: [] },
      { id: '2', name: '华东', parentId: '1', leaders: [] },
      { id: '21', name: '上海', parentId: '2', leaders: [] },
      { id: '3', name: '华南', parentId: '1', leaders: [] },
    ];
    const employee = (userid: string, departmentIds: string[]) => ({ userid, name: userid, departmentIds, directLeaders: [], email: '', status: 1 });
    for (const corpId of ['ww1', 'ww2']) await store.directory.saveDepartments(corpId, departments, 0);
    await store.directory.saveEmployees('ww1', [employee('boss', ['1']), employee('east', ['2']), employee('shanghai', ['21']), employee('south', ['3'])], 0);
    await store.directory.saveEmployees('ww2', [employee('other-east', ['2'])], 0);
    visibilities = new Visibilities(store);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('does not narrow the queries of an unscoped key, nor of a scope naming neither corps nor departments', async () => {
    expect(await withinOf(null)).toBeUndefined();
    expect(await withinOf({})).toBeUndefined();
  });

  it('names each corp once, with every employee of it, for a key scoped to corps', async () => {
    expect(await withinOf({ corpIds: ['ww1', 'ww2', 'ww1'] })).toEqual([{ corpId: 'ww1' }, { corpId: 'ww2' }]);
  });

  it("names the employees of each corp's departments and the ones below them, for a key scoped to departments", async () => {
    const within = await withinOf({ corpIds: ['ww1', 'ww2'], departmentIds: ['2'] });
    expect(within?.map(({ corpId, userids }) => ({ corpId, userids: [...(userids ?? [])].sort() }))).toEqual([
      { corpId: 'ww1', userids: ['east', 'shanghai'] },
      { corpId: 'ww2', userids: ['other-east'] },
    ]);
  });

  it("sees the routes that reach its departments' employees: those naming their departments or one above", async () => {
    const visibility = await visibilities.of(keyScoped({ corpIds: ['ww1'], departmentIds: ['21'] }));
    const seen = ['1', '2', '21', '3'].filter((id) => visibility.seesRoute({ corpId: 'ww1', match: { departmentIds: [id] } }));
    expect(seen).toEqual(['1', '2', '21']);
  });

  it('lets nothing through for departments without a corp, which name no one', async () => {
    expect(await withinOf({ departmentIds: ['2'] })).toEqual([]);
  });
});
