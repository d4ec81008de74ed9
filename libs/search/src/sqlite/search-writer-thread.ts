import { Worker } from 'node:worker_threads';
import { extname, join } from 'node:path';
import { WAL_FILE_LIMIT_BYTES } from '@chatvault/platform';
import type { SearchWrite } from './sqlite-search-writes';

/** What the writer is started with: from here, so that its thread loads none of the platform. */
export interface WriterData {
  readonly path: string;
  readonly walFileLimitBytes: number;
}

/** A write to apply, or none: the writer closes its connection after the writes before it. */
export interface WriterRequest {
  readonly id: number;
  readonly write?: SearchWrite;
}

export type WriterReply = { readonly ready: true } | { readonly id: number; readonly error?: string };

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * What the writer keeps between writes is its prepared statements; each write's documents are garbage
 * once committed. V8's default young generation (some 32 MB) would hold that garbage for longer than it
 * saves scavenges; the old generation stays far below its cap, which only bounds a runaway.
 */
const WRITER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/**
 * The main thread's side of the index's writer thread (sqlite-search-worker): sends each write and
 * resolves once it is committed, so a search that follows sees it.
 */
export class SearchWriterThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure?: Error;
  private closing = false;

  private constructor(
    private readonly worker: Worker,
    private readonly path: string,
  ) {
    worker.on('message', (reply: WriterReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(new Error(`the search index writer for ${path} failed: ${error.message}`)));
    worker.on('exit', () => this.fail(new Error(`the search index writer for ${path} has stopped`)));
    worker.unref();
  }

  /** Resolves once the writer has created the schema and prepared its statements. */
  static start(path: string): Promise<SearchWriterThread> {
    const workerData: WriterData = { path, walFileLimitBytes: WAL_FILE_LIMIT_BYTES };
    const worker = new Worker(workerSource(), { eval: true, workerData, resourceLimits: WRITER_HEAP });
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => reject(new Error(`cannot start the search index writer for ${path}: ${error.message}`));
      worker.once('error', failed);
      worker.once('message', () => {
        worker.off('error', failed);
        resolve(new SearchWriterThread(worker, path));
      });
    });
  }

  write(write: SearchWrite): Promise<void> {
    return this.request(write);
  }

  /** After the writes already sent; resolves once the writer's thread has ended. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    const closed = this.request(undefined);
    this.closing = true;
    await closed;
    await exited;
  }

  private request(write: SearchWrite | undefined): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // Referenced only while waiting for a reply: an idle writer keeps no process alive.
    if (this.pending.size === 0) this.worker.ref();
    const done = new Promise<void>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ id, write } satisfies WriterRequest);
    return done;
  }

  private settle(reply: WriterReply): void {
    if (!('id' in reply)) return;
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    if (reply.error === undefined) pending?.resolve();
    else pending?.reject(new Error(`cannot write to the search index at ${this.path}: ${reply.error}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}

const REGISTER = join(__dirname, '../../../../tools/register.cjs');

/**
 * The worker runs this module's sibling. Run from TypeScript sources (as `npm start` and the tests
 * do), the new thread registers the same on-the-fly compiler first, whose native binding this thread
 * then holds too: a binding that only a worker had loaded is unloaded when that worker ends, and
 * loading it again kills the process.
 */
function workerSource(): string {
  const extension = extname(__filename);
  const worker = join(__dirname, `sqlite-search-worker${extension}`);
  if (extension !== '.ts') return `require(${JSON.stringify(worker)});`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for its side effect, only when running from sources
  require('@swc/core');
  return `require(${JSON.stringify(REGISTER)});require(${JSON.stringify(worker)});`;
}
