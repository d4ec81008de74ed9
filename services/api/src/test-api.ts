import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type ArchiveStore } from '@chatvault/store';
import { ChatVaultProcess } from '@chatvault/testing';

export interface TestApi {
  url: string;
  /** The database the process uses, for seeding and checking what it wrote. */
  store: ArchiveStore;
  /** The data directory, for what the process keeps beside the database. */
  dataDir: string;
  stop(): Promise<void>;
}

/** For the API's integration tests: the api service alone, embedded, on a data directory of its own. */
export async function startTestApi(adminKey: string): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-api-'));
  const api = await ChatVaultProcess.start('api', { TARGET: 'api', DATA_DIR: dataDir, CHATVAULT_API_KEY: adminKey, LOG_LEVEL: 'warn' });
  const store = await createArchiveStore(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
  return {
    url: api.url,
    store,
    dataDir,
    stop: async () => {
      await store.close();
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
