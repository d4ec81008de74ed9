import { DataSource } from 'typeorm';
import { prepareCheckpointedWriter, type Logger } from '@chatvault/platform';
import { ARCHIVE_ENTITIES } from './entities/archive-entities';
import { ARCHIVE_MIGRATIONS } from './migrations/archive-migrations';

/** Where the archive lives: PostgreSQL shared by every process, or a SQLite file owned by one. */
export type ArchiveDatabase = { type: 'postgres'; url: string } | { type: 'sqlite'; file: string };

const POSTGRES_POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;
/** How long a SQLite writer waits for another connection's lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** Not initialised: the caller connects, so it can report a failure in its own words. */
export function archiveDataSource(database: ArchiveDatabase, logger: Logger): DataSource {
  // The schema changes only through migrations, which `migrate()` runs under a lock.
  const common = {
    entities: ARCHIVE_ENTITIES,
    migrations: ARCHIVE_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    // TypeORM logs bound parameters with failed queries: archived chat content must not reach the logs.
    logging: false,
  } as const;
  if (database.type === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: database.url,
      poolSize: POSTGRES_POOL_SIZE,
      connectTimeoutMS: CONNECT_TIMEOUT_MS,
      applicationName: 'chatvault',
      // An idle pooled connection the server drops is replaced on next use; say so instead of crashing.
      poolErrorHandler: (error: Error) => logger.warn({ err: error }, 'a pooled PostgreSQL connection failed'),
      ...common,
    });
  }
  return new DataSource({
    type: 'better-sqlite3',
    database: database.file,
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    // TypeormArchiveStore checkpoints from a thread of its own.
    prepareDatabase: prepareCheckpointedWriter,
    ...common,
  });
}
