import { parentPort, workerData } from 'node:worker_threads';
import { openSearchDatabase } from './open-search-database';
import { SEARCH_SCHEMA } from './sqlite-search-schema';
import { prepareSearchWrites, type SearchWrite } from './sqlite-search-writes';
import type { WriterData, WriterReply, WriterRequest } from './search-writer-thread';

/**
 * The embedded index's writer, on a thread of its own (started by SearchWriterThread): tokenising
 * texts and maintaining FTS5 take the second core, not the one the bus, the archive and the services
 * share. Writes that arrived while it was busy go into one transaction, each acknowledged once it commits.
 */
const port = parentPort!;
const { path, walFileLimitBytes } = workerData as WriterData;
const db = openSearchDatabase(path);
// This thread checkpoints its own file (SQLite's default: at a commit that leaves 1,000 pages in the
// WAL), where the bus log and the archive have a WalCheckpointer: that thread exists so that their
// writer, the main thread, never waits on the disk, and this writer is off the main thread already.
// Nor could a checkpointer's connection keep this WAL small: it restarts only when a write begins
// with every page copied, rare for a writer that is always busy; indexing 300,000 messages with one
// left the WAL at 88-96 MB, against 11-14 MB without, and the thread costs some 8 MB. The limit on
// what the file keeps is theirs.
db.pragma(`journal_size_limit = ${walFileLimitBytes}`);
db.exec(SEARCH_SCHEMA);
const apply = prepareSearchWrites(db);
const applyAll = db.transaction((writes: readonly SearchWrite[]) => writes.forEach(apply));
const applyOne = db.transaction(apply);

let queue: WriterRequest[] = [];

port.on('message', (request: WriterRequest) => {
  queue.push(request);
  if (queue.length === 1) setImmediate(flush);
});
port.postMessage({ ready: true } satisfies WriterReply);

function flush(): void {
  const requests = queue;
  queue = [];
  const writes = requests.flatMap((request) => (request.write ? [request.write] : []));
  try {
    applyAll(writes);
    for (const { id } of requests) port.postMessage({ id } satisfies WriterReply);
  } catch {
    // One bad write must not fail the others that happened to share its transaction.
    for (const { id, write } of requests) port.postMessage(applyAlone(id, write));
  }
  if (requests.some((request) => !request.write)) {
    db.close();
    port.close();
  }
}

function applyAlone(id: number, write: SearchWrite | undefined): WriterReply {
  try {
    if (write) applyOne(write);
    return { id };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}
