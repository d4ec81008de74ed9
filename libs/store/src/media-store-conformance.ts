import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveStore, MessageMediaRecord } from './archive-store';

const AT = 1_767_225_600_000;

function stored(corpId: string, msgid: string, index: number, overrides: Partial<MessageMediaRecord> = {}): MessageMediaRecord {
  return {
    corpId,
    msgid,
    index,
    sdkfileid: `CtYBMzA2OTAyMDEwMjA0NjIw${index}`,
    state: 'stored',
    sha256: 'a'.repeat(64),
    size: 3_000_000_000,
    md5: 'b'.repeat(32),
    contentType: 'image/png',
    error: null,
    updatedAt: AT,
    ...overrides,
  };
}

function failed(corpId: string, msgid: string, index: number, error: string): MessageMediaRecord {
  return stored(corpId, msgid, index, { state: 'failed', sha256: null, size: null, contentType: null, error });
}

/** The semantics of `ArchiveStore.media`, run against every database the store supports. */
export function describeMediaStoreConformance(name: string, open: () => Promise<ArchiveStore>): void {
  describe(`MediaStore conformance: ${name}`, () => {
    let store: ArchiveStore;
    const corpId = `ww${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
    });

    it('saves a stored file and finds it by message and position, sizes beyond 32 bits included', async () => {
      const record = stored(corpId, 'msg-stored', 0);
      expect(await store.media.save(record)).toEqual(record);
      expect(await store.media.find(corpId, 'msg-stored', 0)).toEqual(record);
      expect(await store.media.find(corpId, 'msg-stored', 1)).toBeNull();
      expect(await store.media.find('another-corp', 'msg-stored', 0)).toBeNull();
    });

    it('lists a message\'s files in media[] order', async () => {
      await store.media.save(stored(corpId, 'msg-mixed', 2));
      await store.media.save(failed(corpId, 'msg-mixed', 0, 'md5 mismatch'));
      await store.media.save(stored(corpId, 'msg-mixed', 1, { state: 'no-source', sha256: null, size: null, contentType: null }));
      expect((await store.media.list(corpId, 'msg-mixed')).map((m) => [m.index, m.state])).toEqual([
        [0, 'failed'],
        [1, 'no-source'],
        [2, 'stored'],
      ]);
      expect(await store.media.list(corpId, 'msg-none')).toEqual([]);
    });

    it('replaces a failure with a later success, with the latest failure reason meanwhile', async () => {
      await store.media.save(failed(corpId, 'msg-retry', 0, 'network error'));
      expect((await store.media.save(failed(corpId, 'msg-retry', 0, 'timeout'))).error).toBe('timeout');
      const success = stored(corpId, 'msg-retry', 0, { updatedAt: AT + 1 });
      expect(await store.media.save(success)).toEqual(success);
    });

    it('never lets a late failure hide a stored file', async () => {
      const success = stored(corpId, 'msg-late', 0);
      await store.media.save(success);
      expect(await store.media.save(failed(corpId, 'msg-late', 0, 'redelivered and failed'))).toEqual(success);
      expect(await store.media.find(corpId, 'msg-late', 0)).toEqual(success);
    });
  });
}
