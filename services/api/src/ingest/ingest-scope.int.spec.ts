import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSample, offBookRecord } from '@chatvault/testing';
import { startTestApi, type TestApi } from '../test-api';

const ADMIN_KEY = `cv_test_${randomUUID()}`;
const REJECTED = 'chatvault_ingest_http_messages_total{outcome="rejected"}';

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

/** An importer's key for one corp, on the embedded stack. */
describe('an ingest key scoped to corps', () => {
  let api: TestApi;
  let ingestKey: string;
  const post = (key: string, body: unknown) =>
    fetch(`${api.url}/api/v1/ingest/wecom/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });

  beforeAll(async () => {
    api = await startTestApi(ADMIN_KEY);
    const issued = await fetch(`${api.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      // Corps no one knows yet: the key may be what brings their first records.
      body: JSON.stringify({ name: '华东导入', role: 'ingest', scope: { corpIds: ['wweast', 'wwnorth'] } }),
    });
    expect(issued.status).toBe(201);
    ingestKey = (await json(issued)).key;
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('posts the records of its corps as any ingest key does, refusing a bad record alone', async () => {
    const good = offBookRecord();
    const response = await post(ingestKey, { corpId: 'wweast', messages: [good, { msgid: 'bad' }] });
    expect(response.status).toBe(202);
    const report = await json(response);
    expect(report).toMatchObject({ accepted: 1, duplicates: 0, rejected: [{ index: 1, msgid: 'bad' }] });
  });

  it('refuses each record of another corp with the reason naming the corp, counted as rejected, while an unscoped key posts them', async () => {
    const before = await metricSample(api.url, REJECTED);
    const records = [offBookRecord(), offBookRecord(), { msgid: 'malformed' }];
    const response = await post(ingestKey, { corpId: 'wwsouth', messages: records });
    expect(response.status).toBe(202);
    const error = "the key's scope does not include corp wwsouth";
    expect(await json(response)).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: records.map(({ msgid }, index) => ({ index, msgid, error })),
    });
    expect(await metricSample(api.url, REJECTED)).toBe(before + 3);
    expect(await json(await post(ADMIN_KEY, { corpId: 'wwsouth', messages: records.slice(0, 2) }))).toMatchObject({ accepted: 2, rejected: [] });
  });
});
