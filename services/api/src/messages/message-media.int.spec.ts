import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsObjectStore } from '@chatvault/object-store';
import type { ArchiveStore, MessageMediaRecord } from '@chatvault/store';
import { chatMessage } from '@chatvault/testing';
import { hashApiKey } from '../auth/api-key';
import { startTestApi, type TestApi } from '../test-api';

const ADMIN_KEY = `cv_test_${randomUUID()}`;
const READER_KEY = `cv_reader_${randomUUID()}`;
const CORP = 'wwmedia';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('照片内容'), Buffer.from([0xff, 0xd9])]);

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

describe('message media API on the embedded stack', () => {
  let api: TestApi;
  let store: ArchiveStore;
  let sha256: string;

  const get = (path: string, key = READER_KEY) => fetch(`${api.url}/api/v1/messages${path}`, { headers: { authorization: `Bearer ${key}` } });
  const media = (record: Partial<MessageMediaRecord> & Pick<MessageMediaRecord, 'msgid' | 'index' | 'state'>): MessageMediaRecord => ({
    corpId: CORP,
    sdkfileid: 'sdk-file',
    sha256: null,
    size: null,
    md5: '',
    contentType: null,
    error: null,
    updatedAt: Date.now(),
    ...record,
  });

  beforeAll(async () => {
    api = await startTestApi(ADMIN_KEY);
    store = api.store;
    await store.apiKeys.insert({ id: randomUUID(), name: 'auditor', keyHash: hashApiKey(READER_KEY), role: 'reader', createdAt: Date.now() });
    const refs = [0, 1, 2, 3].map((i) => ({ sdkfileid: `file-${i}`, md5sum: '' }));
    const message = chatMessage({ corpId: CORP, msgid: 'mixed-1', msgtype: 'mixed', media: refs });
    await store.messages.insertNew([{ message, rawJson: '{}', contentHash: 'x', source: 'test', archivedAt: Date.now() }]);
    ({ sha256 } = await new FsObjectStore(join(api.dataDir, 'objects')).put(JPEG));
    await store.media.save([media({ msgid: 'mixed-1', index: 0, state: 'stored', sha256, size: JPEG.length, contentType: 'image/jpeg' })]);
    await store.media.save([media({ msgid: 'mixed-1', index: 1, state: 'failed', error: 'md5 mismatch' })]);
    await store.media.save([media({ msgid: 'mixed-1', index: 2, state: 'no-source', error: 'no archive SDK' })]);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('serves the stored bytes with their type and length, and audits who read them', async () => {
    const response = await get(`/mixed-1/media/0?corpId=${CORP}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-length')).toBe(String(JPEG.length));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(JPEG)).toBe(true);
    const { items } = await store.auditLog.list({ offset: 0, limit: 20 });
    const read = items.find((e) => e.action === 'messages.media');
    expect(read?.actorName).toBe('auditor');
    expect(JSON.parse(read!.details)).toMatchObject({ corpId: CORP, msgid: 'mixed-1', index: 0, sha256, contentType: 'image/jpeg', size: JPEG.length });
  });

  it('answers 404 saying why there are no bytes', async () => {
    const cases: [string, string, RegExp][] = [
      ['/mixed-1/media/1', 'failed', /下载失败/],
      ['/mixed-1/media/2', 'no-source', /未配置会话存档 SDK/],
      ['/mixed-1/media/3', 'pending', /尚未下载/],
      ['/mixed-1/media/4', 'no-such-media', /没有第 4 个媒体文件 \(the message has 4\)/],
      ['/never-archived/media/0', 'no-message', /未归档/],
    ];
    for (const [path, state, message] of cases) {
      const response = await get(`${path}?corpId=${CORP}`);
      expect(response.status, path).toBe(404);
      const { error } = await json(response);
      expect(error.code).toBe('not_found');
      expect(error.message).toMatch(message);
      expect(error.details.state).toBe(state);
    }
    expect((await json(await get(`/mixed-1/media/1?corpId=${CORP}`))).error.details.reason).toBe('md5 mismatch');
  });

  it('answers 503 when the record says stored but the object store lost the bytes', async () => {
    const lost = 'd'.repeat(64);
    await store.media.save([media({ msgid: 'lost-1', index: 0, state: 'stored', sha256: lost, size: 10, contentType: 'image/png' })]);
    const response = await get(`/lost-1/media/0?corpId=${CORP}`);
    expect(response.status).toBe(503);
    expect((await json(response)).error).toMatchObject({ code: 'unavailable', details: { state: 'missing-object', sha256: lost } });
  });

  it('names the field of a bad request and refuses an unauthenticated one', async () => {
    const noCorp = await get('/mixed-1/media/0');
    expect(noCorp.status).toBe(400);
    expect((await json(noCorp)).error.message).toContain('corpId');
    const badIndex = await get(`/mixed-1/media/first?corpId=${CORP}`);
    expect(badIndex.status).toBe(400);
    expect((await json(badIndex)).error.message).toContain('index');
    expect((await fetch(`${api.url}/api/v1/messages/mixed-1/media/0?corpId=${CORP}`)).status).toBe(401);
  });
});
