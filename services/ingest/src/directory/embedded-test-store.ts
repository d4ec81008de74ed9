import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type ArchiveStore } from '@chatvault/store';

/** A migrated SQLite store in a temporary directory for the calling spec file; read it inside tests. */
export function useEmbeddedStore(): () => ArchiveStore {
  const dir = mkdtempSync(join(tmpdir(), 'chatvault-directory-'));
  let store: ArchiveStore | undefined;
  beforeAll(async () => {
    store = await createArchiveStore(loadConfig({ DATA_DIR: dir }), createLogger('silent'));
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => store!;
}
