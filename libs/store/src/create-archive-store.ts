import { join } from 'node:path';
import type { Config, Logger } from '@chatvault/platform';
import type { ArchiveStore } from './archive-store';
import { TypeormArchiveStore } from './typeorm-archive-store';

/**
 * PostgreSQL when DATABASE_URL is set; otherwise SQLite in DATA_DIR, which only this process may use.
 * Connected before it returns, not yet migrated.
 */
export async function createArchiveStore(config: Config, logger: Logger): Promise<ArchiveStore> {
  const storeLogger = logger.child({ component: 'store' });
  if (config.DATABASE_URL) return TypeormArchiveStore.open({ type: 'postgres', url: config.DATABASE_URL }, storeLogger);
  const file = join(config.DATA_DIR, 'chatvault.db');
  storeLogger.info({ file }, 'DATABASE_URL is not set: archiving to SQLite, which other processes cannot share');
  return TypeormArchiveStore.open({ type: 'sqlite', file }, storeLogger);
}
