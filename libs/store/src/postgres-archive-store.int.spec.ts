import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createTestDatabase, freePort, type TestDatabase } from '@chatvault/testing';
import { describeArchiveStoreConformance } from './archive-store-conformance';
import { describeMediaStoreConformance } from './media-store-conformance';
import { describeAlertRoutingConformance } from './alert-routing-conformance';
import { createArchiveStore } from './create-archive-store';
import { StoreError } from './store-error';
import { ARCHIVE_MIGRATIONS } from './migrations/archive-migrations';
import { TypeormArchiveStore } from './typeorm-archive-store';
import { describeTamperEvidence } from './tamper/tamper-evidence-suite';

const logger = createLogger('silent');
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('chatvault_t');
});
afterAll(async () => {
  await database.drop();
});

describeArchiveStoreConformance('PostgreSQL', () => createArchiveStore(loadConfig({ DATABASE_URL: database.url }), logger));
describeMediaStoreConformance('PostgreSQL', () => createArchiveStore(loadConfig({ DATABASE_URL: database.url }), logger));
describeAlertRoutingConformance('PostgreSQL', () => createArchiveStore(loadConfig({ DATABASE_URL: database.url }), logger));
describeTamperEvidence('PostgreSQL', async () => (await createArchiveStore(loadConfig({ DATABASE_URL: database.url }), logger)) as TypeormArchiveStore);

async function failureOf(url: string): Promise<Error> {
  return createArchiveStore(loadConfig({ DATABASE_URL: url }), logger).then(
    async (store) => {
      await store.close();
      return new Error(`connected to ${url}`);
    },
    (e: Error) => e,
  );
}

describe('PostgreSQL archive store', () => {
  it('lets several processes starting together migrate a fresh database once', async () => {
    const fresh = await createTestDatabase('chatvault_t');
    const stores = await Promise.all(Array.from({ length: 4 }, () => TypeormArchiveStore.open({ type: 'postgres', url: fresh.url }, logger)));
    try {
      await Promise.all(stores.map((store) => store.migrate()));
      const [{ count }] = await stores[0]!.dataSource.query('SELECT count(*)::int AS count FROM schema_migrations');
      expect(count).toBe(ARCHIVE_MIGRATIONS.length);
      expect(await stores[3]!.messages.count()).toBe(0);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await fresh.drop();
    }
  });

  it('migrates to exactly the schema the entities describe', async () => {
    const fresh = await createTestDatabase('chatvault_t');
    const store = await TypeormArchiveStore.open({ type: 'postgres', url: fresh.url }, logger);
    try {
      expect((await store.dataSource.driver.createSchemaBuilder().log()).upQueries.length).toBeGreaterThan(0);
      await store.migrate();
      const pending = await store.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await store.close();
      await fresh.drop();
    }
  });

  it('stores millisecond times as bigint and returns them as numbers', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'archived_messages' AND column_name IN ('msgtime', 'archived_at') ORDER BY column_name",
      );
      expect(rows).toEqual([
        { column_name: 'archived_at', data_type: 'bigint' },
        { column_name: 'msgtime', data_type: 'bigint' },
      ]);
    } finally {
      await client.end();
    }
  });

  it('refuses a connection with a StoreError naming the host, never the password', async () => {
    const port = await freePort();
    const error = await failureOf(`postgres://chatvault:hunter2-secret@127.0.0.1:${port}/archive`);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'unavailable', reason: 'postgres_unreachable' });
    expect(error.message).toContain(`cannot connect to PostgreSQL at postgres://127.0.0.1:${port}/archive: `);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('hunter2');
  });

  it('names a database that does not exist, without the password', async () => {
    const target = new URL(database.url);
    target.pathname = `/chatvault_missing_${randomUUID().replace(/-/g, '')}`;
    target.password = 'hunter2-secret';
    const error = await failureOf(target.toString());
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toMatch(/^cannot connect to PostgreSQL at postgres:\/\/127\.0\.0\.1:5432\/chatvault_missing_\w+: .*does not exist/);
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL without echoing it', async () => {
    const wrongScheme = await failureOf('mysql://root:hunter2@db:3306/chatvault');
    expect(wrongScheme).toMatchObject({ reason: 'invalid_database_url', message: 'DATABASE_URL must start with postgres:// or postgresql://, got mysql://' });
    const garbage = await failureOf('hunter2 is no url');
    expect(garbage).toMatchObject({ reason: 'invalid_database_url' });
    expect(garbage.message).not.toContain('hunter2');
  });
});
