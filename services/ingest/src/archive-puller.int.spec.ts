import { afterAll, beforeAll } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore } from '@chatvault/store';
import { createTestDatabase, type TestDatabase } from '@chatvault/testing';
import { describeArchivePuller } from './archive-puller-suite';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('chatvault_t');
});
afterAll(async () => {
  await database.drop();
});

describeArchivePuller('PostgreSQL', () => createArchiveStore(loadConfig({ DATABASE_URL: database.url }), createLogger('silent')));
