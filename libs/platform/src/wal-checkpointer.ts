import { Worker } from 'node:worker_threads';

/**
 * How many pages a writing connection lets its WAL grow to before it checkpoints on its own thread:
 * only if its WalCheckpointer falls that far behind (SQLite's default is 1,000).
 */
export const BACKSTOP_WAL_PAGES = 20_000;

/**
 * What a WAL file is cut back to once it has been checkpointed: the size the backstop lets it reach
 * (at SQLite's default page size, which no ChatVault file changes). SQLite reuses a WAL file rather
 * than shrinking it, so without a limit the file keeps the size of the largest stretch of writes it
 * ever held, and one transaction can be large (the search index's FTS5 merging its segments wrote 91 MB
 * in one, at 790,000 messages).
 * A lower limit would have a busy writer regrow the file after every checkpoint, which costs it more
 * than overwriting does.
 */
export const WAL_FILE_LIMIT_BYTES = BACKSTOP_WAL_PAGES * 4_096;

/**
 * For the connection that writes a file a WalCheckpointer checkpoints: it checkpoints on its own only
 * as a backstop, and SQLite cuts the WAL file back to the limit at the first commit after the WAL restarted.
 */
export function prepareCheckpointedWriter(db: { pragma(source: string): unknown }): void {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_WAL_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_FILE_LIMIT_BYTES}`);
}

const INTERVAL_MS = 200;

/**
 * Checkpoints a SQLite database in WAL mode from a thread of its own. Left to itself, the connection
 * that commits checkpoints every 1,000 pages on the committing thread, copying pages into the
 * database file and syncing it: the embedded process's single busy thread then waits on the disk.
 * Here a second connection does it every 200 ms without blocking the writer (PASSIVE), and the
 * writer keeps only a backstop (`prepareCheckpointedWriter`). A failed checkpoint is tried again at the next
 * tick; a failing disk shows in the writer's own commits.
 */
export class WalCheckpointer {
  private stopped?: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.unref();
    // Should the thread die, the writer's backstop keeps the WAL bounded.
    worker.on('error', () => undefined);
  }

  static start(path: string): WalCheckpointer {
    const sqlite = require.resolve('better-sqlite3');
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const db = new (require(${JSON.stringify(sqlite)}))(workerData.path, { fileMustExist: true });
      const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
      const timer = setInterval(checkpoint, ${INTERVAL_MS});
      parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
    `;
    // Plain JavaScript: without execArgv the thread would also run the process's `-r` preloads (the
    // TypeScript compiler of `npm start`), some 25 MB for a thread that needs only SQLite.
    return new WalCheckpointer(new Worker(source, { eval: true, workerData: { path }, execArgv: [] }));
  }

  /** Resolves once the thread has closed its connection and ended, so the file can be removed. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.ref();
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }
}
