import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@chatvault/testing';
import { prepareCheckpointedWriter, WAL_FILE_LIMIT_BYTES, WalCheckpointer } from './wal-checkpointer';

describe('WalCheckpointer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'chatvault-wal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function openWriter(file: string): Database.Database {
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    prepareCheckpointedWriter(writer);
    writer.exec('CREATE TABLE rows (payload TEXT NOT NULL)');
    return writer;
  }

  it("copies a writer's pages into the database file while the writer only appends to its WAL", async () => {
    const file = join(dir, 'busy.db');
    const writer = openWriter(file);
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
      await checkpointer.stop();
      writer.close();
    }
  });

  it('cuts the WAL file back to the limit once a transaction larger than the limit is checkpointed', async () => {
    const file = join(dir, 'peak.db');
    const writer = openWriter(file);
    const checkpointer = WalCheckpointer.start(file);
    const walSize = () => statSync(`${file}-wal`).size;
    try {
      const insert = writer.prepare('INSERT INTO rows (payload) VALUES (?)');
      // A page a row: one transaction some 5% larger than the limit.
      const rows = Math.ceil((WAL_FILE_LIMIT_BYTES / 4_096) * 1.05);
      writer.transaction(() => {
        for (let i = 0; i < rows; i++) insert.run('x'.repeat(4_000));
      })();
      expect(walSize()).toBeGreaterThan(WAL_FILE_LIMIT_BYTES);

      // SQLite truncates the file when a commit restarts the WAL, which it does once every page is checkpointed.
      await waitFor(
        () => {
          insert.run('after the peak');
          return walSize() <= WAL_FILE_LIMIT_BYTES || undefined;
        },
        { description: 'the WAL file cut back to the limit', timeoutMs: 10_000 },
      );
    } finally {
      await checkpointer.stop();
      writer.close();
    }
  }, 20_000);
});
