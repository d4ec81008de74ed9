import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { objectKey, sha256Of } from './content-address';
import { assertSha256, type ObjectStore, type PutResult, type StoredObject } from './object-store';

/** Objects as files under one directory; a put writes a temporary file and renames it, so a reader never sees half an object. */
export class FsObjectStore implements ObjectStore {
  constructor(readonly root: string) {}

  async put(bytes: Buffer): Promise<PutResult> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    if (await this.stat(sha256)) return { sha256, size: bytes.length, created: false };
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, bytes);
    try {
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return { sha256, size: bytes.length, created: true };
  }

  async get(sha256: string): Promise<Buffer | null> {
    assertSha256(sha256);
    return readFile(this.pathOf(sha256)).catch(nullWhenMissing);
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

  private pathOf(sha256: string): string {
    return join(this.root, objectKey(sha256));
  }
}

function nullWhenMissing(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT') return null;
  throw error;
}
