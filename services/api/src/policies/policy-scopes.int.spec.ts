import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveStore } from '@chatvault/store';
import { startTestApi, type TestApi } from '../test-api';

const ADMIN_KEY = `cv_test_${randomUUID()}`;

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

const scopedPolicy = (departments: string[]) => ({
  id: 'east-sales',
  name: '华东销售专项',
  version: 1,
  severity: 'medium',
  categories: ['off-book-deal'],
  scope: { departments },
  rules: [{ id: 'floor-price', kind: 'lexicon', category: 'off-book-deal', keywords: ['内部价'] }],
});

describe('policy scopes checked against the directory', () => {
  let api: TestApi;
  let store: ArchiveStore;
  const put = (document: unknown, expectedVersion: number) =>
    fetch(`${api.url}/api/v1/policies/east-sales`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document, expectedVersion }),
    });

  beforeAll(async () => {
    api = await startTestApi(ADMIN_KEY);
    store = api.store;
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('takes any department while the directory knows none, then only departments it knows', async () => {
    expect((await put(scopedPolicy(['42']), 0)).status).toBe(200);

    await store.directory.saveDepartments('wwscopes', [{ id: '2', name: '华东销售', parentId: '1', leaders: [] }], Date.now());
    const refused = await put(scopedPolicy(['2', '42']), 1);
    expect(refused.status).toBe(400);
    const { error } = await json(refused);
    expect(error.message).toContain('department "42" does not exist');
    expect(error.details.problems).toEqual([expect.objectContaining({ policyId: 'east-sales', field: 'scope.departments[1]' })]);

    expect((await put(scopedPolicy(['2']), 1)).status).toBe(200);
  });
});
