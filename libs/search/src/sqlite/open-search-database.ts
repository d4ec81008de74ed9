import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A connection to the embedded index's file (created with its directory when missing), as both of its threads open it. */
export function openSearchDatabase(path: string): Database.Database {
  if (path === ':memory:') throw new Error('the embedded search index needs a file, not :memory:, which its writer thread could not open too');
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // Losing the last transactions in an OS crash costs a re-index from the archive, not data.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Upserts that return rows spill statement journals to temporary files otherwise: one per statement.
  db.pragma('temp_store = MEMORY');
  return db;
}
