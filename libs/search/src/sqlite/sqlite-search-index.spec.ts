import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, WAL_FILE_LIMIT_BYTES } from '@chatvault/platform';
import { waitFor } from '@chatvault/testing';
import { createSearchIndex } from '../create-search-index';
import { describeSearchIndexConformance, message } from '../search-index-conformance';
import { SqliteSearchIndex } from './sqlite-search-index';

const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-search-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeSearchIndexConformance('SqliteSearchIndex', async () => new SqliteSearchIndex({ path: join(dataDir, 'conformance', 'search.db') }));

describe('SqliteSearchIndex', () => {
  it('keeps what it indexed in its file across a restart', async () => {
    const path = join(dataDir, 'restart.db');
    const first = new SqliteSearchIndex({ path });
    await first.ensureReady();
    await first.indexMessages([message('corp', 'm1', { text: '重启之前的飞单' })]);
    await first.tagMessage('corp', 'm1', { ruleIds: ['r-1'], categories: ['fraud'], severities: ['high'] });
    await first.close();

    const second = new SqliteSearchIndex({ path });
    try {
      await second.ensureReady();
      const result = await second.searchMessages({ text: '飞单', category: 'fraud' });
      expect(result.total).toBe(1);
      expect(result.hits[0]?.highlights).toEqual(['重启之前的<em>飞单</em>']);
    } finally {
      await second.close();
    }
  });

  it('cuts its WAL file back to the limit once a peak larger than the limit is checkpointed', async () => {
    const path = join(dataDir, 'wal-peak.db');
    const index = new SqliteSearchIndex({ path });
    const walSize = () => statSync(`${path}-wal`).size;
    await index.ensureReady();
    try {
      // A search that holds its snapshot keeps every page since in the WAL, as one large transaction would.
      const reader = new Database(path, { readonly: true });
      reader.exec('BEGIN');
      reader.prepare('SELECT COUNT(*) FROM search_messages').get();
      // Texts of 100 KB, 10 MB a write: the writer's heap takes a write of that size.
      const text = 'x'.repeat(100_000);
      let written = 0;
      while (walSize() <= WAL_FILE_LIMIT_BYTES) {
        await index.indexMessages(Array.from({ length: 100 }, () => message('corp', `m${written++}`, { text })));
      }
      reader.exec('COMMIT');
      reader.close();

      // The writer checkpoints at a commit; the commit after restarts the WAL, and SQLite truncates the file.
      await waitFor(
        async () => {
          await index.indexMessages([message('corp', `m${written++}`, { text: '峰值之后' })]);
          return walSize() <= WAL_FILE_LIMIT_BYTES || undefined;
        },
        { description: 'the WAL file cut back to the limit', timeoutMs: 10_000 },
      );
      expect((await index.searchMessages({ corpId: 'corp', limit: 0 })).total).toBe(written);
    } finally {
      await index.close();
    }
  }, 30_000);

  it('refuses to be used before ensureReady, naming its file', async () => {
    const path = join(dataDir, 'not-ready.db');
    const index = new SqliteSearchIndex({ path });
    try {
      await expect(index.searchMessages({})).rejects.toThrow(`the search index at ${path} is not ready: call ensureReady() first`);
    } finally {
      await index.close();
    }
  });
});

describe('createSearchIndex without ELASTICSEARCH_URL', () => {
  it('returns the embedded index in DATA_DIR/search.db', async () => {
    const index = createSearchIndex(loadConfig({ DATA_DIR: join(dataDir, 'factory') }), createLogger('silent'));
    try {
      expect(index).toBeInstanceOf(SqliteSearchIndex);
      await index.ensureReady();
      await index.indexMessages([message('corp', 'm1', { text: '工厂' })]);
      const reopened = new SqliteSearchIndex({ path: join(dataDir, 'factory', 'search.db') });
      await reopened.ensureReady();
      expect((await reopened.searchMessages({ text: '工厂' })).total).toBe(1);
      await reopened.close();
    } finally {
      await index.close();
    }
  });
});
