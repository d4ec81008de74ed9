import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@chatvault/testing';
import { BACKSTOP_WAL_PAGES, WalCheckpointer } from './wal-checkpointer';

describe('WalCheckpointer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatvault-wal-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("copies a writer's pages into the database file while the writer only appends to its WAL", async () => {
    const file = join(dir, 'busy.db');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma(`wal_autocheckpoint = ${BACKSTOP_WAL_PAGES}`);
    writer.exec('CREATE TABLE rows (payload TEXT NOT NULL)');
    const checkpointer = WalCheckpointer.start(file);
    try {
      const insert = writer.prepare('INSERT INTO rows (payload) VALUES (?)');
      // About 2,000 pages: a tenth of what would make the writer checkpoint on its own.
      writer.transaction(() => {
        for (let i = 0; i < 2_000; i++) insert.run('x'.repeat(4_000));
      })();
      await waitFor(() => statSync(file).size >= 2_000 * 4_096 || undefined, { description: 'the rows copied into the database file', timeoutMs: 10_000 });
      expect(writer.prepare('SELECT COUNT(*) AS n FROM rows').get()).toEqual({ n: 2_000 });
    } finally {
      checkpointer.stop();
      writer.close();
    }
  });
});
