import { join } from 'node:path';
import type { Config, Logger } from '@chatvault/platform';
import { ElasticsearchIndex } from './elasticsearch/elasticsearch-index';
import type { SearchIndex } from './search-index';
import { SqliteSearchIndex } from './sqlite/sqlite-search-index';

/**
 * Elasticsearch when ELASTICSEARCH_URL is set, otherwise the embedded index in DATA_DIR/search.db.
 * Elasticsearch is not contacted, nor any table created, before `ensureReady`.
 */
export function createSearchIndex(config: Config, logger: Logger): SearchIndex {
  if (config.ELASTICSEARCH_URL) {
    return new ElasticsearchIndex({ url: config.ELASTICSEARCH_URL, indexPrefix: config.ELASTICSEARCH_INDEX_PREFIX, logger });
  }
  const path = join(config.DATA_DIR, 'search.db');
  logger.child({ component: 'search' }).info(`ELASTICSEARCH_URL is not set: using the embedded search index at ${path}`);
  return new SqliteSearchIndex({ path });
}
