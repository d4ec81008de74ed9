import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { ChatVaultProcess, OtlpReceiver, createTestDatabase, dropNamespace, offBookRecord, realStackEnv, waitFor, type TestDatabase } from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;
const SERVICES = ['ingest', 'classification', 'alerting', 'customer-handover', 'retention', 'api'];

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

interface Stack {
  api: string;
  processes: ChatVaultProcess[];
  teardown(): Promise<void>;
}

async function embedded(otlp: string): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-e2e-'));
  const all = await ChatVaultProcess.start('all', { TARGET: 'all', DATA_DIR: dataDir, CHATVAULT_API_KEY: API_KEY, OTEL_EXPORTER_OTLP_ENDPOINT: otlp, LOG_LEVEL: 'warn' });
  return {
    api: all.url,
    processes: [all],
    teardown: async () => {
      await all.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function realStack(otlp: string): Promise<Stack> {
  const database: TestDatabase = await createTestDatabase();
  const ns = `e2e-${randomUUID().slice(0, 8)}`;
  const env = { ...realStackEnv(database, ns, API_KEY), OTEL_EXPORTER_OTLP_ENDPOINT: otlp };
  const processes = await Promise.all(SERVICES.map(async (name) => ChatVaultProcess.start(name, { ...env, TARGET: name })));
  return {
    api: processes.find((p) => p.name === 'api')!.url,
    processes,
    teardown: async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await database.drop();
      await dropNamespace(env, ns);
    },
  };
}

describe.each([
  ['embedded default, one process', embedded],
  ['real stack, one process per service', realStack],
])('vertical slice: %s', (_mode, start) => {
  const otlp = new OtlpReceiver();
  let stack: Stack;
  const corpId = `corp-${randomUUID().slice(0, 8)}`;
  const offBook = offBookRecord();
  const innocent = { ...offBook, msgid: `m-${randomUUID()}`, msgtime: Date.parse('2023-11-15T10:00:00.456+08:00'), text: { content: '您好，报价单已发您邮箱' } };
  const malformed = { ...offBook, msgid: undefined };

  const post = (body: unknown, key = API_KEY) =>
    fetch(`${stack.api}/api/v1/ingest/wecom/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string) => fetch(`${stack.api}${path}`, { headers: { authorization: `Bearer ${API_KEY}` } });

  beforeAll(async () => {
    stack = await start(await otlp.start());
  });

  afterAll(async () => {
    await stack?.teardown();
    await otlp.stop();
  });

  it('accepts the valid messages of a batch and names what is wrong with the others', async () => {
    const response = await post({ corpId, messages: [offBook, innocent, malformed] });
    expect(response.status).toBe(202);
    const body = await json(response);
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toBe(0);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]).toMatchObject({ index: 2 });
    expect(body.rejected[0].error).toContain('msgid');
  });

  it('archives nothing twice when the same batch is posted again', async () => {
    const response = await post({ corpId, messages: [offBook, innocent] });
    expect(response.status).toBe(202);
    expect(await json(response)).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
  });

  it('says why an image that came through the HTTP endpoint has no bytes to serve', async () => {
    const image = { ...innocent, msgid: `m-${randomUUID()}`, msgtype: 'image', image: { sdkfileid: 'CtYBMzA2OTAy', md5sum: 'c'.repeat(32), filesize: 1024 } };
    expect((await post({ corpId, messages: [image] })).status).toBe(202);
    const error = await waitFor(
      async () => {
        const body = await json(await get(`/api/v1/messages/${image.msgid}/media/0?corpId=${corpId}`));
        return body.error?.details?.state === 'no-source' ? body.error : undefined;
      },
      { timeoutMs: 60_000, description: 'the media fetcher to record that the corp has no archive SDK' },
    );
    expect(error).toMatchObject({ code: 'not_found', message: expect.stringContaining('未配置会话存档 SDK') });
  });

  it('finds the message by a Chinese search, with highlights', async () => {
    const result = await waitFor(
      async () => {
        const body = await json(await get(`/api/v1/messages/search?q=${encodeURIComponent('飞单')}&corpId=${corpId}`));
        return body.total > 0 ? body : undefined;
      },
      { timeoutMs: 60_000, description: 'the message to be searchable' },
    );
    expect(result.total).toBe(1);
    expect(result.items[0]).toMatchObject({ msgid: offBook.msgid, corpId, from: 'zhangsan' });
    expect(result.items[0].highlights.join(' ')).toContain('<em>飞单</em>');
  });

  it('keeps each posted record byte for byte, escapes, spacing and number spellings included', async () => {
    const msgid = `m-${randomUUID()}`;
    const raw = `{ "msgid" : "${msgid}", "action":"send","from":"zhangsan","tolist":["wmCustomer1"],"roomid":"",
      "msgtime": 1700013600789, "msgtype":"text", "text": {"content":"\\u4f60\\u597d \\"报价\\" 😀"}, "ratio": 1.50 }`;
    expect((await post(`{"corpId":"${corpId}","messages":[${raw}]}`)).status).toBe(202);
    const archived = await waitFor(
      async () => {
        const response = await get(`/api/v1/messages/${msgid}?corpId=${corpId}`);
        return response.status === 200 ? json(response) : undefined;
      },
      { timeoutMs: 60_000, description: 'the message to be archived' },
    );
    expect(archived).toMatchObject({ msgid, text: '你好 "报价" 😀', raw, source: 'http' });
    expect(archived.contentHash).toBe(createHash('sha256').update(raw, 'utf8').digest('hex'));
    expect((await get(`/api/v1/messages/no-such-message?corpId=${corpId}`)).status).toBe(404);
  });

  it('lists an alert naming the message, rule, category, severity and employee', async () => {
    const alert = await waitFor(
      async () => {
        const body = await json(await get(`/api/v1/alerts?corpId=${corpId}`));
        return body.items?.[0];
      },
      { timeoutMs: 60_000, description: 'the alert' },
    );
    expect(alert).toMatchObject({
      messages: [offBook.msgid],
      rule: 'off-book-deal',
      category: 'off-book-deal',
      severity: 'high',
      employee: 'zhangsan',
      corpId,
    });
    const page = await json(await get(`/api/v1/alerts?corpId=${corpId}`));
    expect(page.total).toBe(1);
  });

  it('continues the ingest request trace through every service to the alert', async () => {
    const topics = ['wecom.message.received.v1', 'chat.message.archived.v1', 'chat.message.classified.v1', 'alert.raised.v1'];
    // Each process exports its spans in its own time: the alert's may arrive before classification's.
    const trace = await waitFor(
      () => {
        const spans = otlp.traceOf((name) => name.startsWith('POST') && name.includes('/api/v1/ingest/wecom/messages'));
        const missing = topics.filter((topic) => !spans.some((s) => s.name.includes(topic)));
        if (missing.length > 0) throw new Error(`no span of ${missing.join(', ')} yet; spans seen: ${otlp.spans.map((s) => `${s.service}:${s.name}`).slice(0, 40).join(', ')}`);
        return spans;
      },
      { timeoutMs: 30_000, description: `one trace from the HTTP request through ${topics.join(', ')}` },
    );
    const names = trace.map((s) => s.name).join(' | ');
    for (const topic of topics) expect(names).toContain(topic);
  });

  it('rejects a request without a valid key and a body that is not JSON', async () => {
    expect((await post({ corpId, messages: [innocent] }, 'wrong-key')).status).toBe(401);
    const notJson = await post('{"corpId": ');
    expect(notJson.status).toBe(400);
    expect((await json(notJson)).error.message).toMatch(/JSON/i);
    const noMessages = await post({ corpId });
    expect(noMessages.status).toBe(400);
    expect((await json(noMessages)).error.message).toContain('messages');
  });

  it('refuses an oversize body with 413 and an oversize record by itself, archiving the others', async () => {
    const huge = await post(`{"corpId":"${corpId}","messages":[${'"x",'.repeat(6_000_000)}"x"]}`);
    expect(huge.status).toBe(413);
    expect((await json(huge)).error).toMatchObject({ code: 'too_large', message: expect.stringContaining('split it into smaller batches') });

    const big = { ...innocent, msgid: `m-${randomUUID()}`, text: { content: '长'.repeat(400_000) } };
    const fine = { ...innocent, msgid: `m-${randomUUID()}` };
    const response = await post({ corpId, messages: [big, fine] });
    expect(response.status).toBe(202);
    expect(await json(response)).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 0, msgid: big.msgid, error: expect.stringMatching(/^the record is \d+ bytes, over the limit of 1048576$/) }],
    });
  });

  it('archives a record just under the limit, though its events carry it twice (raw and parsed)', async () => {
    // 1,020,000 bytes of text: each event on the way is about 2 MB, twice Kafka's default largest message.
    const largest = { ...innocent, msgid: `m-${randomUUID()}`, text: { content: '长'.repeat(340_000) } };
    const response = await post({ corpId, messages: [largest] });
    expect(await json(response)).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const archived = await waitFor(
      async () => {
        const found = await get(`/api/v1/messages/${largest.msgid}?corpId=${corpId}`);
        return found.status === 200 ? json(found) : undefined;
      },
      { timeoutMs: 60_000, description: 'the largest record to be archived' },
    );
    expect(archived.text).toHaveLength(340_000);
  });
});
