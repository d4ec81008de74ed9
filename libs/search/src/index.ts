export * from './search-index';
export * from './create-search-index';
export { ElasticsearchIndex, type ElasticsearchIndexOptions } from './elasticsearch/elasticsearch-index';
export { SqliteSearchIndex, type SqliteSearchIndexOptions } from './sqlite/sqlite-search-index';
