import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { describeArchiveStoreConformance } from './archive-store-conformance';
import { describeMediaStoreConformance } from './media-store-conformance';
import { describeAlertRoutingConformance } from './alert-routing-conformance';
import { createArchiveStore } from './create-archive-store';
import { StoreError } from './store-error';
import { TypeormArchiveStore } from './typeorm-archive-store';
import { describeTamperEvidence } from './tamper/tamper-evidence-suite';

const logger = createLogger('silent');
const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-store-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeArchiveStoreConformance('SQLite', () => createArchiveStore(loadConfig({ DATA_DIR: dataDir }), logger));
describeMediaStoreConformance('SQLite', () => createArchiveStore(loadConfig({ DATA_DIR: dataDir }), logger));
describeAlertRoutingConformance('SQLite', () => createArchiveStore(loadConfig({ DATA_DIR: dataDir }), logger));
describeTamperEvidence('SQLite', async () => (await createArchiveStore(loadConfig({ DATA_DIR: dataDir }), logger)) as TypeormArchiveStore);

describe('SQLite archive store', () => {
  it('creates DATA_DIR and chatvault.db in it, in WAL mode', async () => {
    const nested = join(dataDir, 'not', 'yet', 'there');
    const store = await createArchiveStore(loadConfig({ DATA_DIR: nested }), logger);
    try {
      expect(store).toBeInstanceOf(TypeormArchiveStore);
      expect(existsSync(join(nested, 'chatvault.db'))).toBe(true);
      const [mode] = await (store as TypeormArchiveStore).dataSource.query('PRAGMA journal_mode');
      expect(mode).toEqual({ journal_mode: 'wal' });
    } finally {
      await store.close();
    }
  });

  it('migrates to exactly the schema the entities describe', async () => {
    const store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'drift', 'chatvault.db') }, logger);
    try {
      expect((await store.dataSource.driver.createSchemaBuilder().log()).upQueries.length).toBeGreaterThan(0);
      await store.migrate();
      const pending = await store.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('fails with a StoreError naming the file when DATA_DIR cannot hold it', async () => {
    const blocker = join(dataDir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const error = await createArchiveStore(loadConfig({ DATA_DIR: blocker }), logger).then(
      () => new Error('opened a database inside a regular file'),
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'unavailable', reason: 'sqlite_unavailable' });
    expect(error.message).toContain(`cannot open the SQLite database ${join(blocker, 'chatvault.db')}: `);
  });
});
