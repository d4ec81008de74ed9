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
      expect(await store.media.save([record])).toEqual([record]);
      expect(await store.media.find(corpId, 'msg-stored', 0)).toEqual(record);
      expect(await store.media.find(corpId, 'msg-stored', 1)).toBeNull();
      expect(await store.media.find('another-corp', 'msg-stored', 0)).toBeNull();
    });

    it("lists messages' files by message and in media[] order, and only those of the messages asked for", async () => {
      await store.media.save([stored(corpId, 'msg-mixed', 2), failed(corpId, 'msg-mixed', 0, 'md5 mismatch')]);
      await store.media.save([stored(corpId, 'msg-mixed', 1, { state: 'no-source', sha256: null, size: null, contentType: null })]);
      await store.media.save([stored(corpId, 'msg-alone', 0), stored(corpId, 'msg-not-asked', 0), stored('another-corp', 'msg-alone', 1)]);
      expect((await store.media.list(corpId, ['msg-mixed', 'msg-alone', 'msg-none'])).map((m) => [m.msgid, m.index, m.state])).toEqual([
        ['msg-alone', 0, 'stored'],
        ['msg-mixed', 0, 'failed'],
        ['msg-mixed', 1, 'no-source'],
        ['msg-mixed', 2, 'stored'],
      ]);
      expect(await store.media.list(corpId, ['msg-none'])).toEqual([]);
      expect(await store.media.list(corpId, [])).toEqual([]);
    });

    it('replaces a failure with a later success, with the latest failure reason meanwhile', async () => {
      await store.media.save([failed(corpId, 'msg-retry', 0, 'network error')]);
      expect((await store.media.save([failed(corpId, 'msg-retry', 0, 'timeout')]))[0]!.error).toBe('timeout');
      const success = stored(corpId, 'msg-retry', 0, { updatedAt: AT + 1 });
      expect(await store.media.save([success])).toEqual([success]);
    });

    it('never lets a late failure hide a stored file, saved before or earlier in the same call', async () => {
      const success = stored(corpId, 'msg-late', 0);
      await store.media.save([success]);
      const late = failed(corpId, 'msg-late', 0, 'redelivered and failed');
      const fresh = failed(corpId, 'msg-late', 1, 'timeout');
      expect(await store.media.save([late, fresh])).toEqual([success, fresh]);
      expect(await store.media.find(corpId, 'msg-late', 0)).toEqual(success);

      const sameCall = stored(corpId, 'msg-twice', 0);
      expect(await store.media.save([sameCall, failed(corpId, 'msg-twice', 0, 'redelivered')])).toEqual([sameCall, sameCall]);
      expect(await store.media.find(corpId, 'msg-twice', 0)).toEqual(sameCall);
    });

    it('saves the files of many messages at once, beyond what one statement can bind', async () => {
      const many = Array.from({ length: 3_500 }, (_, i) => stored(corpId, `msg-bulk-${String(i).padStart(4, '0')}`, i % 3, { state: 'no-source', sha256: null, size: null, contentType: null, error: 'no SDK' }));
      expect(await store.media.save(many)).toEqual(many);
      const listed = await store.media.list(corpId, many.map((m) => m.msgid));
      expect(listed).toEqual(many);
    });
  });
}
