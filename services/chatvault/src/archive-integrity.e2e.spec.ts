import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore } from '@chatvault/store';
import { ChatVaultProcess, waitFor } from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;
/** 2023-11-15 06:13 China time. */
const MSGTIME = 1_700_000_000_123;
const DAY = '2023-11-15';

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

describe('archive seal and verify endpoints (embedded)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-e2e-'));
  const corpId = `corp-${randomUUID().slice(0, 8)}`;
  let chatvault: ChatVaultProcess;
  const call = (method: string, path: string, body?: unknown, key = API_KEY) =>
    fetch(`${chatvault.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    chatvault = await ChatVaultProcess.start('all', { TARGET: 'all', DATA_DIR: dataDir, CHATVAULT_API_KEY: API_KEY, LOG_LEVEL: 'warn' });
    const messages = ['m-1', 'm-2'].map((msgid, i) => ({
      msgid,
      action: 'send',
      from: 'zhangsan',
      tolist: ['wmCustomer1'],
      roomid: '',
      msgtime: MSGTIME + i,
      msgtype: 'text',
      text: { content: `报价 ${i}` },
    }));
    expect((await call('POST', '/api/v1/ingest/wecom/messages', { corpId, messages })).status).toBe(202);
    await waitFor(
      async () => {
        const body = await json(await call('GET', `/api/v1/messages/search?q=${encodeURIComponent('报价')}&corpId=${corpId}`));
        return body.total === 2 ? body : undefined;
      },
      { timeoutMs: 60_000, description: 'both messages to be archived and searchable' },
    );
  });

  afterAll(async () => {
    await chatvault?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seals a day on demand once, then verifies it intact and records the verification in the read audit', async () => {
    const sealed = await call('POST', '/api/v1/archive/seal', { corpId, day: DAY });
    expect(sealed.status).toBe(200);
    const { seal, created } = await json(sealed);
    expect(created).toBe(true);
    expect(seal).toMatchObject({ corpId, day: DAY, recordCount: 2 });
    expect(seal.merkleRoot).toMatch(/^[0-9a-f]{64}$/);

    expect(await json(await call('POST', '/api/v1/archive/seal', { corpId, day: DAY }))).toEqual({ seal, created: false, amendment: null });

    const verified = await call('GET', `/api/v1/archive/verify?corpId=${corpId}&day=${DAY}`);
    expect(verified.status).toBe(200);
    expect(await json(verified)).toEqual({
      corpId,
      day: DAY,
      ok: true,
      altered: [],
      inserted: [],
      missing: [],
      amended: [],
      rootMatches: true,
      chainIntact: true,
      sealedCount: 2,
      currentCount: 2,
    });

    const store = await createArchiveStore(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
    try {
      const { items } = await store.auditLog.list({ offset: 0, limit: 5 });
      expect(items.find((entry) => entry.action === 'archive.verify')?.details).toBe(JSON.stringify({ corpId, day: DAY, ok: true, returned: [] }));
    } finally {
      await store.close();
    }
  });

  it('closes a message that reaches a sealed day late with an amendment, announced and verified', async () => {
    const late = { msgid: 'm-late', action: 'send', from: 'zhangsan', tolist: ['wmCustomer1'], roomid: '', msgtime: MSGTIME + 10, msgtype: 'text', text: { content: '报价 迟到' } };
    expect((await call('POST', '/api/v1/ingest/wecom/messages', { corpId, messages: [late] })).status).toBe(202);
    await waitFor(async () => (await call('GET', `/api/v1/messages/m-late?corpId=${corpId}`)).status === 200 || undefined, { timeoutMs: 30_000, description: 'the late message archived' });
    expect(await json(await call('GET', `/api/v1/archive/verify?corpId=${corpId}&day=${DAY}`))).toMatchObject({ ok: false, inserted: ['m-late'] });

    const amended = await json(await call('POST', '/api/v1/archive/seal', { corpId, day: DAY }));
    expect(amended).toMatchObject({ created: false, amendment: { corpId, day: DAY, amendment: 1, firstPosition: 2, recordCount: 1 } });
    expect(await json(await call('GET', `/api/v1/archive/verify?corpId=${corpId}&day=${DAY}`))).toMatchObject({ ok: true, inserted: [], amended: ['m-late'], sealedCount: 3, currentCount: 3 });
  });

  it('answers 404 for a day not sealed, 400 for a bad day and 401 without a valid key', async () => {
    const unsealed = await call('GET', `/api/v1/archive/verify?corpId=${corpId}&day=2023-11-16`);
    expect(unsealed.status).toBe(404);
    expect((await json(unsealed)).error).toMatchObject({ code: 'not_found', message: `2023-11-16 is not sealed for corp ${corpId}` });

    const badFormat = await call('GET', `/api/v1/archive/verify?corpId=${corpId}&day=15-11-2023`);
    expect(badFormat.status).toBe(400);
    expect((await json(badFormat)).error.message).toContain('day must be written YYYY-MM-DD');

    const notADate = await call('POST', '/api/v1/archive/seal', { corpId, day: '2023-02-30' });
    expect(notADate.status).toBe(400);
    expect((await json(notADate)).error.message).toContain('day must be a calendar date written YYYY-MM-DD');

    expect((await call('GET', `/api/v1/archive/verify?corpId=${corpId}&day=${DAY}`, undefined, 'cv_wrong_key_000000000000000')).status).toBe(401);
  });
});
