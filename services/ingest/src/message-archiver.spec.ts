import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relationshipChangedV1, wecomArchiveMessageSchema, type RelationshipChanged, type WecomMessageReceived } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { TypeormArchiveStore } from '@chatvault/store';
import { SqliteSearchIndex } from '@chatvault/search';
import { createLogger } from '@chatvault/platform';
import { waitFor } from '@chatvault/testing';
import { MessageArchiver } from './message-archiver';
import { MessageIndexer } from './message-indexer';

const logger = createLogger('silent');
const common = { action: 'send', from: 'zhangsan', tolist: ['wmCustomer'], roomid: '', msgtime: 1_700_000_000_123 };

function received(record: Record<string, unknown>): { value: WecomMessageReceived; headers: Record<string, string> } {
  const value: WecomMessageReceived = { eventId: `e-${String(record.msgid)}`, occurredAt: new Date().toISOString(), schemaVersion: 1, corpId: 'corp', source: 'http', rawJson: JSON.stringify(record), message: wecomArchiveMessageSchema.parse(record) };
  return { value, headers: {} };
}

describe('MessageArchiver', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let store: TypeormArchiveStore;
  let search: SqliteSearchIndex;
  let archiver: MessageArchiver;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ingest-'));
    bus = new InProcessBus({ log: new MemoryBusLog(), logger });
    store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'chatvault.db') }, logger);
    await store.migrate();
    search = new SqliteSearchIndex({ path: join(dataDir, 'search.db') });
    await search.ensureReady();
    archiver = new MessageArchiver(bus, store);
    await new MessageIndexer(bus, search).onModuleInit();
    await bus.start();
  });

  afterEach(async () => {
    await bus.stop();
    await store.close();
    await search.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a recalled message as it was and marks it with the recall', async () => {
    await archiver.archive([received({ ...common, msgid: 'orig', msgtype: 'text', text: { content: '加我私人微信' } })]);
    await archiver.archive([received({ ...common, msgid: 'rec', action: 'recall', msgtype: 'revoke', revoke: { pre_msgid: 'orig' } })]);

    const original = await store.messages.find('corp', 'orig');
    expect(original).toMatchObject({ recalledBy: 'rec', message: { text: '加我私人微信', action: 'send' } });
    expect((await store.messages.find('corp', 'rec'))?.message).toMatchObject({ action: 'recall', recalledMsgid: 'orig' });
  });

  it('announces a customer\'s agree and disagree records as consent changes, under one event id per record however often it arrives', async () => {
    const changes: RelationshipChanged[] = [];
    await bus.subscribe(relationshipChangedV1, { group: 'watch' }, async ({ value }) => void changes.push(value));
    const agree = received({ ...common, from: 'wmCustomer', tolist: ['zhangsan'], msgid: 'ok', msgtype: 'agree', agree: { userid: 'wmCustomer', agree_time: common.msgtime } });
    const disagree = received({ ...common, from: 'wmCustomer', tolist: ['zhangsan'], msgid: 'no', msgtype: 'disagree', disagree: { userid: 'wmCustomer', disagree_time: common.msgtime + 1 } });
    await archiver.archive([agree, received({ ...common, msgid: 'hello', msgtype: 'text', text: { content: '您好' } }), disagree]);
    await archiver.archive([disagree]);

    await waitFor(() => changes.length >= 3, { description: 'the consent changes announced' });
    const byEvent = new Map(changes.map((c) => [c.eventId, c.change]));
    expect([...byEvent]).toEqual([
      ['consent:corp:ok', { corpId: 'corp', occurredAt: common.msgtime, type: 'consent-changed', externalUserId: 'wmCustomer', employeeId: 'zhangsan', agreed: true }],
      ['consent:corp:no', { corpId: 'corp', occurredAt: common.msgtime, type: 'consent-changed', externalUserId: 'wmCustomer', employeeId: 'zhangsan', agreed: false }],
    ]);
  });

  it('archives a msgtype it does not know, raw and flagged', async () => {
    const record = { ...common, msgid: 'new-type', msgtype: 'hologram', hologram: { depth: 3 } };
    await archiver.archive([received(record)]);
    const archived = await store.messages.find('corp', 'new-type');
    expect(archived?.message.knownType).toBe(false);
    expect(archived?.rawJson).toBe(JSON.stringify(record));
  });

  it('archives a batch once per msgid, marks a recall of a message earlier in the same batch, and counts repeats as duplicates', async () => {
    const original = received({ ...common, msgid: 'b-orig', msgtype: 'text', text: { content: '私下转账给我' } });
    const recall = received({ ...common, msgid: 'b-rec', action: 'recall', msgtype: 'revoke', revoke: { pre_msgid: 'b-orig' } });
    await archiver.archive([original, original, recall]);
    await archiver.archive([original]);

    expect(await store.messages.count('corp')).toBe(2);
    expect(await store.messages.find('corp', 'b-orig')).toMatchObject({ recalledBy: 'b-rec' });
    await waitFor(async () => (await search.searchMessages({ corpId: 'corp', text: '转账' })).total === 1 || undefined, { description: 'the announced message indexed' });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(await store.capture.received('corp', today)).toEqual([{ source: 'http', archived: 2, duplicate: 2 }]);
  });
});
