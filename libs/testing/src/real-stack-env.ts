import type { NamespaceServers } from './drop-namespace';
import type { TestDatabase } from './test-database';

export type RealStackEnv = Record<string, string> & Required<NamespaceServers>;

/** The environment of a ChatVault process on the local real stack, isolated by a namespace. */
export function realStackEnv(database: TestDatabase, namespace: string, apiKey: string): RealStackEnv {
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DATABASE_URL: database.url,
    BUS_NAMESPACE: namespace,
    ELASTICSEARCH_INDEX_PREFIX: namespace,
    REDIS_KEY_PREFIX: `${namespace}:`,
    CHATVAULT_API_KEY: apiKey,
    LOG_LEVEL: 'warn',
  };
}
