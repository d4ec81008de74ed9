import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wecomArchiveMessageSchema, type WecomMessageReceived } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { TypeormArchiveStore } from '@chatvault/store';
import { SqliteSearchIndex } from '@chatvault/search';
import { createLogger } from '@chatvault/platform';
import { MessageArchiver } from './message-archiver';

const logger = createLogger('silent');
const common = { action: 'send', from: 'zhangsan', tolist: ['wmCustomer'], roomid: '', msgtime: 1_700_000_000_123 };

function received(record: Record<string, unknown>): WecomMessageReceived {
  return { eventId: `e-${String(record.msgid)}`, occurredAt: new Date().toISOString(), schemaVersion: 1, corpId: 'corp', source: 'http', rawJson: JSON.stringify(record), message: wecomArchiveMessageSchema.parse(record) };
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
    search = new SqliteSearchIndex({ path: ':memory:' });
    await search.ensureReady();
    archiver = new MessageArchiver(bus, store, search);
  });

  afterEach(async () => {
    await store.close();
    await search.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a recalled message as it was and marks it with the recall', async () => {
    await archiver.archive(received({ ...common, msgid: 'orig', msgtype: 'text', text: { content: '加我私人微信' } }));
    await archiver.archive(received({ ...common, msgid: 'rec', action: 'recall', msgtype: 'revoke', revoke: { pre_msgid: 'orig' } }));

    const original = await store.messages.find('corp', 'orig');
    expect(original).toMatchObject({ recalledBy: 'rec', message: { text: '加我私人微信', action: 'send' } });
    expect((await store.messages.find('corp', 'rec'))?.message).toMatchObject({ action: 'recall', recalledMsgid: 'orig' });
  });

  it('archives a msgtype it does not know, raw and flagged', async () => {
    const record = { ...common, msgid: 'new-type', msgtype: 'hologram', hologram: { depth: 3 } };
    await archiver.archive(received(record));
    const archived = await store.messages.find('corp', 'new-type');
    expect(archived?.message.knownType).toBe(false);
    expect(archived?.rawJson).toBe(JSON.stringify(record));
  });
});
