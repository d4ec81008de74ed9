import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectStore } from './object-store';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The semantics of the `ObjectStore` port, checked against one adapter; `makeAdapter` returns a store of its own per test. */
export function describeObjectStoreConformance(name: string, makeAdapter: () => Promise<ObjectStore>): void {
  describe(`ObjectStore conformance: ${name}`, () => {
    let store: ObjectStore;
    beforeEach(async () => {
      store = await makeAdapter();
    });
    afterEach(async () => {
      await store.close();
    });
    const files = mkdtempSync(join(tmpdir(), 'object-store-conformance-'));
    afterAll(() => rmSync(files, { recursive: true, force: true }));

    it('stores a file by its content, leaves the file, and streams it back', async () => {
      const bytes = randomBytes(300_000);
      const path = join(files, 'recording.mp4');
      writeFileSync(path, bytes);
      expect(await store.putFile(path)).toEqual({ sha256: sha256(bytes), size: bytes.length, created: true });
      expect(await store.putFile(path)).toEqual({ sha256: sha256(bytes), size: bytes.length, created: false });
      expect((await store.put(bytes)).created).toBe(false);
      const stream = await store.open(sha256(bytes));
      expect(stream).not.toBeNull();
      expect((await readAll(stream!)).equals(bytes)).toBe(true);
      expect(await store.open(sha256(randomBytes(8)))).toBeNull();
    });

    it('stores bytes under their SHA-256 and reads them back unchanged', async () => {
      const bytes = randomBytes(70_000);
      const put = await store.put(bytes);
      expect(put).toEqual({ sha256: sha256(bytes), size: bytes.length, created: true });
      expect((await store.get(put.sha256))?.equals(bytes)).toBe(true);
      expect(await store.has(put.sha256)).toBe(true);
      expect(await store.stat(put.sha256)).toEqual({ sha256: put.sha256, size: bytes.length });
    });

    it('stores identical bytes once', async () => {
      const bytes = Buffer.from(`同一张图片 ${randomBytes(8).toString('hex')}`);
      const first = await store.put(bytes);
      const second = await store.put(Buffer.from(bytes));
      expect(first.created).toBe(true);
      expect(second).toEqual({ sha256: first.sha256, size: bytes.length, created: false });
      expect((await store.get(first.sha256))?.equals(bytes)).toBe(true);
    });

    it('stores an empty object', async () => {
      const put = await store.put(Buffer.alloc(0));
      expect(put.sha256).toBe(sha256(Buffer.alloc(0)));
      expect((await store.get(put.sha256))?.length).toBe(0);
      expect(await store.stat(put.sha256)).toEqual({ sha256: put.sha256, size: 0 });
    });

    it('answers null and false for an address nothing was stored at', async () => {
      const absent = sha256(randomBytes(16));
      expect(await store.get(absent)).toBeNull();
      expect(await store.has(absent)).toBe(false);
      expect(await store.stat(absent)).toBeNull();
    });

    it('refuses an address that is not a SHA-256', async () => {
      await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a SHA-256 address/);
      await expect(store.has('ABC')).rejects.toThrow(/not a SHA-256 address/);
      await expect(store.stat(sha256(Buffer.from('x')).toUpperCase())).rejects.toThrow(/not a SHA-256 address/);
    });

    it('keeps concurrent puts of the same bytes consistent', async () => {
      const bytes = randomBytes(4_096);
      const puts = await Promise.all(Array.from({ length: 5 }, () => store.put(bytes)));
      expect(new Set(puts.map((p) => p.sha256)).size).toBe(1);
      expect((await store.get(sha256(bytes)))?.equals(bytes)).toBe(true);
    });
  });
}
