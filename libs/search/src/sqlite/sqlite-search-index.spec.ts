import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
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
