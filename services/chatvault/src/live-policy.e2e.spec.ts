import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ChatVaultProcess, createTestDatabase, dropNamespace, realStackEnv, waitFor } from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;
const CONVERSATIONS = 24;
/** Within working hours (UTC+8), so the after-hours rule stays quiet. */
const AT_10 = Date.parse('2024-03-06T10:00:00+08:00');

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

interface Stack {
  api: string;
  /** Base URLs of the processes that classify. */
  classifiers: string[];
  teardown(): Promise<void>;
}

async function embedded(): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-policy-'));
  const all = await ChatVaultProcess.start('all', { TARGET: 'all', DATA_DIR: dataDir, CHATVAULT_API_KEY: API_KEY, LOG_LEVEL: 'warn' });
  return {
    api: all.url,
    classifiers: [all.url],
    teardown: async () => {
      await all.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Two classifiers in one group: each must switch to a saved policy, whichever partitions it holds. */
async function realStack(): Promise<Stack> {
  const database = await createTestDatabase();
  const ns = `policy-${randomUUID().slice(0, 8)}`;
  const env = realStackEnv(database, ns, API_KEY);
  const processes: ChatVaultProcess[] = [];
  for (const name of ['api', 'ingest', 'classification', 'classification']) {
    processes.push(await ChatVaultProcess.start(`${name}-${processes.length}`, { ...env, TARGET: name }));
  }
  return {
    api: processes[0]!.url,
    classifiers: processes.slice(2).map((p) => p.url),
    teardown: async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await database.drop();
      await dropNamespace(env, ns);
    },
  };
}

describe.each([
  ['embedded default', embedded],
  ['real stack, two classifiers', realStack],
])('live policy editing: %s', (_mode, start) => {
  let stack: Stack;
  const corpId = `corp-${randomUUID().slice(0, 8)}`;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${stack.api}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const codeWordPolicy = {
    name: '暗语',
    severity: 'high',
    categories: ['off-book-deal'],
    rules: [{ id: 'code-word', kind: 'lexicon', category: 'off-book-deal', keywords: ['老地方见'] }],
  };

  beforeAll(async () => {
    stack = await start();
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  it('lists the default pack, seeded on first start', async () => {
    const body = await waitFor(async () => {
      const listed = await json(await call('GET', '/api/v1/policies'));
      return listed.items?.length > 0 ? listed : undefined;
    }, { description: 'the seeded policies' });
    expect(body.items.map((p: any) => p.id)).toEqual(expect.arrayContaining(['default-conduct', 'default-behaviour']));
    expect(body.items.every((p: any) => p.version === 1 && p.enabled)).toBe(true);
  });

  it('rejects an invalid policy naming the rule and field, and keeps nothing of it', async () => {
    const broken = { ...codeWordPolicy, rules: [...codeWordPolicy.rules, { id: 'bad', kind: 'regex', category: 'off-book-deal', pattern: '(' }] };
    const response = await call('PUT', '/api/v1/policies/code-words', { document: broken, expectedVersion: 0 });
    expect(response.status).toBe(400);
    const { error } = await json(response);
    expect(error.message).toContain('rule "bad" field "pattern"');
    expect(error.details.problems).toEqual([expect.objectContaining({ policyId: 'code-words', ruleId: 'bad', field: 'pattern' })]);
    expect((await call('GET', '/api/v1/policies/code-words')).status).toBe(404);
  });

  it('tries a draft on a sample message without storing it', async () => {
    const response = await call('POST', '/api/v1/policies/test', { text: '那就老地方见', msgtime: AT_10, draft: { id: 'code-words', document: codeWordPolicy } });
    expect(response.status).toBe(200);
    expect((await json(response)).hits).toEqual([expect.objectContaining({ ruleId: 'code-word', category: 'off-book-deal', spans: [[2, 6]] })]);
    expect((await call('GET', '/api/v1/policies/code-words')).status).toBe(404);
  });

  it('classifies with a saved policy within seconds on every classifier, each hit naming its version', async () => {
    const saved = await call('PUT', '/api/v1/policies/code-words', { document: codeWordPolicy, expectedVersion: 0 });
    expect(saved.status).toBe(200);
    const admin = (await json(await call('GET', '/api/v1/api-keys'))).items.find((k: any) => k.name === 'configured admin key');
    expect(await json(saved)).toMatchObject({ id: 'code-words', version: 1, enabled: true, savedBy: `configured admin key (key ${admin.id})` });

    const stale = await call('PUT', '/api/v1/policies/code-words', { document: codeWordPolicy, expectedVersion: 0 });
    expect(stale.status).toBe(409);

    for (const classifier of stack.classifiers) {
      await waitFor(async () => (await policyLoads(classifier)) >= 2, { timeoutMs: 15_000, description: `${classifier} to load the saved policy` });
    }

    const msgids = Array.from({ length: CONVERSATIONS }, (_, i) => ({ msgid: `live-${i}-${randomUUID()}`, conversation: `c${i}` }));
    await ingest(msgids);
    const tagged = await waitFor(
      async () => {
        const result = await search('ruleId=code-word&pageSize=100');
        return result.total === CONVERSATIONS ? result : undefined;
      },
      { timeoutMs: 60_000, description: `all ${CONVERSATIONS} messages tagged with the new rule` },
    );
    expect(tagged.items.every((m: any) => m.ruleIds.includes('code-word'))).toBe(true);

    const history = await json(await call('GET', '/api/v1/policies/code-words'));
    expect(history.history.map((h: any) => h.version)).toEqual([1]);
  });

  it('stops classifying with a disabled policy', async () => {
    const disabled = await call('POST', '/api/v1/policies/code-words/disable', { expectedVersion: 1 });
    expect(disabled.status).toBe(200);
    expect(await json(disabled)).toMatchObject({ version: 2, enabled: false });
    const tested = await json(await call('POST', '/api/v1/policies/test', { text: '那就老地方见', msgtime: AT_10 }));
    expect(tested.hits).toEqual([]);
  });

  async function ingest(items: { msgid: string; conversation: string }[]): Promise<void> {
    const messages = items.map(({ msgid, conversation }) => ({
      msgid,
      action: 'send',
      from: `sales-${conversation}`,
      tolist: [`wmCustomer${conversation}`],
      roomid: '',
      msgtime: AT_10,
      msgtype: 'text',
      text: { content: '那就老地方见' },
    }));
    const response = await call('POST', '/api/v1/ingest/wecom/messages', { corpId, messages });
    expect(response.status).toBe(202);
  }

  async function search(query: string): Promise<any> {
    return json(await call('GET', `/api/v1/messages/search?corpId=${corpId}&${query}`));
  }

  /** Loads at start, plus one per change the process picked up. */
  async function policyLoads(base: string): Promise<number> {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('chatvault_classification_policy_reloads_total{outcome="loaded"}'));
    return line ? Number(line.split(' ').pop()) : 0;
  }
});
