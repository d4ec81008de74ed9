import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { objectKey, sha256Of, sha256OfFile } from './content-address';
import { assertSha256, type ObjectStore, type PutResult, type StoredObject } from './object-store';

/** Objects as files under one directory; a put writes a temporary file and renames it, so a reader never sees half an object. */
export class FsObjectStore implements ObjectStore {
  constructor(readonly root: string) {}

  put(bytes: Buffer): Promise<PutResult> {
    return this.store(sha256Of(bytes), bytes.length, (temporary) => writeFile(temporary, bytes));
  }

  async putFile(path: string): Promise<PutResult> {
    const { sha256, size } = await sha256OfFile(path);
    return this.store(sha256, size, (temporary) => copyFile(path, temporary));
  }

  async get(sha256: string): Promise<Buffer | null> {
    assertSha256(sha256);
    return readFile(this.pathOf(sha256)).catch(nullWhenMissing);
  }

  async open(sha256: string): Promise<Readable | null> {
    return (await this.stat(sha256)) ? createReadStream(this.pathOf(sha256)) : null;
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<StoredObject | null> {
    assertSha256(sha256);
    const info = await stat(this.pathOf(sha256)).catch(nullWhenMissing);
    return info ? { sha256, size: info.size } : null;
  }

  async close(): Promise<void> {}

  private async store(sha256: string, size: number, write: (temporary: string) => Promise<void>): Promise<PutResult> {
    if (await this.stat(sha256)) return { sha256, size, created: false };
    const path = this.pathOf(sha256);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    try {
      await write(temporary);
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return { sha256, size, created: true };
  }

  private pathOf(sha256: string): string {
    return join(this.root, objectKey(sha256));
  }
}

function nullWhenMissing(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT') return null;
  throw error;
}
