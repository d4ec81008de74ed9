import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createObjectStore } from './create-object-store';
import { FsObjectStore } from './fs-object-store';
import { describeObjectStoreConformance } from './object-store-conformance';

const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-objects-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeObjectStoreConformance('FsObjectStore', async () => new FsObjectStore(mkdtempSync(join(dataDir, 'conformance-'))));

describe('createObjectStore without OBJECT_STORE_URL', () => {
  it('stores objects as files under DATA_DIR/objects, leaving no temporary file', async () => {
    const store = createObjectStore(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
    expect(store).toBeInstanceOf(FsObjectStore);
    const { sha256 } = await store.put(Buffer.from('语音'));
    const dir = join(dataDir, 'objects', 'sha256', sha256.slice(0, 2), sha256.slice(2, 4));
    expect(existsSync(join(dir, sha256))).toBe(true);
    expect(readdirSync(dir)).toEqual([sha256]);
  });

  it('refuses an OBJECT_STORE_URL that is not s3://', () => {
    expect(() => createObjectStore(loadConfig({ OBJECT_STORE_URL: 'http://bucket' }), createLogger('silent'))).toThrow(
      'OBJECT_STORE_URL must look like s3://bucket or s3://bucket/prefix',
    );
  });
});
