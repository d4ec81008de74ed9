import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatMediaStoredV1, chatMessageClassifiedV1, type ChatMediaStored, type ChatMessage, type ChatMessageClassified } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { MemoryCache } from '@chatvault/cache';
import { FsObjectStore } from '@chatvault/object-store';
import { createLogger } from '@chatvault/platform';
import { SqliteSearchIndex } from '@chatvault/search';
import { TypeormArchiveStore } from '@chatvault/store';
import { chatMessage, qrJpeg, qrPng, waitFor } from '@chatvault/testing';
import { ActivePolicies } from './active-policies';
import { MediaClassifier } from './media-classifier';
import { PolicyReloader } from './policy-reloader';

const logger = createLogger('silent');
const at10 = Date.parse('2024-03-06T10:00:00+08:00');

describe('classification of stored images', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let store: TypeormArchiveStore;
  let objects: FsObjectStore;
  let search: SqliteSearchIndex;
  let cache: MemoryCache;
  let classified: ChatMessageClassified[];
  let policies: PolicyReloader;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'media-classification-'));
    bus = new InProcessBus({ log: new MemoryBusLog(), logger, retryBackoff: { initialMs: 1, maxMs: 5 } });
    store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'chatvault.db') }, logger);
    await store.migrate();
    objects = new FsObjectStore(join(dataDir, 'objects'));
    search = new SqliteSearchIndex({ path: join(dataDir, 'search.db') });
    await search.ensureReady();
    cache = new MemoryCache();
    const active = new ActivePolicies();
    policies = new PolicyReloader(bus, store, logger, active);
    await policies.onModuleInit();
    await new MediaClassifier(bus, store, objects, search, cache, active).onModuleInit();
    classified = [];
    await bus.subscribe(chatMessageClassifiedV1, { group: 'watch' }, async ({ value }) => void classified.push(value));
    await bus.start();
  });

  afterEach(async () => {
    await bus.stop();
    await store.close();
    await search.close();
    await cache.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Archives an image message, stores its bytes and announces them as the media fetcher does. */
  async function imageSent(msgid: string, bytes: Uint8Array, overrides: Partial<ChatMessage> = {}, contentType = 'image/png'): Promise<void> {
    const message = chatMessage({ msgid, msgtype: 'image', msgtime: at10, media: [{ sdkfileid: `file-${msgid}`, md5sum: '' }], ...overrides });
    await store.messages.insertNew([{ message, rawJson: JSON.stringify({ msgid, msgtype: 'image' }), contentHash: 'c'.repeat(64), source: 'finance-sdk', archivedAt: at10 }]);
    await search.indexMessages([message]);
    await mediaStored(message, 0, bytes, contentType);
  }

  /** Stores one media file of an archived message, records it and announces it, as the media fetcher does. */
  async function mediaStored(message: ChatMessage, index: number, bytes: Uint8Array, contentType = 'image/png'): Promise<void> {
    const { msgid } = message;
    const put = await objects.put(Buffer.from(bytes));
    await store.media.save([{ corpId: message.corpId, msgid, index, sdkfileid: `file-${index}`, state: 'stored', sha256: put.sha256, size: put.size, md5: '', contentType, error: null, updatedAt: at10 }]);
    const event: ChatMediaStored = {
      eventId: `media-stored:corp:${msgid}:${index}`,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      corpId: message.corpId,
      msgid,
      conversationId: message.conversationId,
      index,
      sha256: put.sha256,
      contentType,
      size: put.size,
    };
    await bus.publish(chatMediaStoredV1, [event]);
  }

  const classifiedOf = (msgid: string) => waitFor(() => classified.find((e) => e.message.msgid === msgid), { description: `classification of ${msgid}` });

  it('flags a WeChat Pay code sent to a customer as payment diversion and tags the message for search', async () => {
    await imageSent('pay-wx', qrPng('wxp://f2f0Yk3b8pQm2XzLw9'));
    const event = await classifiedOf('pay-wx');
    expect(event.employeeId).toBe('zhangsan');
    expect(event.hits).toEqual([
      expect.objectContaining({ hitId: 'corp:pay-wx:media0:payment-qr-to-customer', ruleId: 'payment-qr-to-customer', category: 'payment-diversion', severity: 'critical', policyId: 'default-behaviour' }),
    ]);
    const found = await search.searchMessages({ corpId: 'corp', category: 'payment-diversion' });
    expect(found.hits.map((h) => h.document.msgid)).toEqual(['pay-wx']);
  });

  it('flags an Alipay code and a personal WeChat contact code, PNG or JPEG', async () => {
    await imageSent('pay-ali', qrJpeg('https://qr.alipay.com/fkx19870abcd'), {}, 'image/jpeg');
    await imageSent('personal', qrPng('https://u.wechat.com/EBdLmQ8xZ3kq'));
    expect((await classifiedOf('pay-ali')).hits.map((h) => h.ruleId)).toEqual(['payment-qr-to-customer']);
    expect((await classifiedOf('personal')).hits.map((h) => [h.ruleId, h.category])).toEqual([['personal-qr-to-customer', 'off-platform-contact']]);
  });

  it('lets a company WeCom code, a colleague, a customer\'s own code, a plain image and a voice file pass', async () => {
    await imageSent('wecom-card', qrPng('https://work.weixin.qq.com/u/vc5f1a2b3c'));
    await imageSent('to-colleague', qrPng('wxp://f2f0Yk3b8pQm2XzLw9'), { tolist: ['lisi'], conversationId: 'single:wmCustomer|zhangsan' });
    await imageSent('from-customer', qrPng('wxp://f2f0Yk3b8pQm2XzLw9'), { from: 'wmCustomer', fromKind: 'external', tolist: ['zhangsan'] });
    await imageSent('photo', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    await imageSent('voice', Buffer.from('#!SILK_V3 wxp://f2f0Yk3b8pQm2XzLw9'), {}, 'audio/silk');
    // Same conversation, same partition: once this one is classified, every earlier one was judged.
    await imageSent('sentinel', qrPng('wxp://f2f0Yk3b8pQm2XzLw9'));
    await classifiedOf('sentinel');
    expect(classified.map((e) => e.message.msgid)).toEqual(['sentinel']);
  });

  it('judges an image by the policies scoped to its sender\'s department, as the message\'s text is', async () => {
    await store.directory.saveEmployees('corp', [{ userid: 'zhangsan', name: '张三', departmentIds: ['7'], directLeaders: [], email: '', status: 1 }], Date.now());
    const document = {
      id: 'sales-floor',
      name: '销售部专项',
      version: 1,
      severity: 'high',
      categories: ['off-platform-contact'],
      scope: { departments: ['7'] },
      rules: [{ id: 'floor-wecom-code', kind: 'behaviour', category: 'off-platform-contact', msgtypes: ['image'], from: ['employee'], toExternal: true, qr: ['wecom'] }],
    };
    await store.policies.saveVersion({ policyId: 'sales-floor', version: 1, enabled: true, document: JSON.stringify(document), savedBy: 'lead', savedAt: Date.now() });
    await policies.reload();
    await imageSent('floor-card', qrPng('https://work.weixin.qq.com/u/vc5f1a2b3c'));
    expect((await classifiedOf('floor-card')).hits.map((h) => h.ruleId)).toEqual(['floor-wecom-code']);
  });

  it('tags a mixed message with the hits of every image it carries', async () => {
    const refs = [0, 1].map((i) => ({ sdkfileid: `file-${i}`, md5sum: '' }));
    const message = chatMessage({ msgid: 'mixed', msgtype: 'mixed', msgtime: at10, text: '您看一下', media: refs });
    await store.messages.insertNew([{ message, rawJson: '{}', contentHash: 'c'.repeat(64), source: 'finance-sdk', archivedAt: at10 }]);
    await search.indexMessages([message]);
    await mediaStored(message, 0, qrPng('wxp://f2f0Yk3b8pQm2XzLw9'));
    await mediaStored(message, 1, qrPng('https://u.wechat.com/EBdLmQ8xZ3kq'));
    await waitFor(() => classified.filter((e) => e.message.msgid === 'mixed').length === 2, { description: 'both images of the mixed message classified' });
    expect(classified.flatMap((e) => e.hits.map((h) => h.hitId))).toEqual(['corp:mixed:media0:payment-qr-to-customer', 'corp:mixed:media1:personal-qr-to-customer']);
    for (const category of ['payment-diversion', 'off-platform-contact']) {
      expect((await search.searchMessages({ corpId: 'corp', category })).hits.map((h) => h.document.msgid), category).toEqual(['mixed']);
    }
  });
});
