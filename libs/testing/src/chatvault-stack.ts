import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatVaultProcess } from './chatvault-process';
import { dropNamespace } from './drop-namespace';
import { realStackEnv } from './real-stack-env';
import { createTestDatabase } from './test-database';

/** A running ChatVault for end-to-end tests and benchmarks: where its API answers, and how to stop it. */
export interface ChatVaultStack {
  api: string;
  stop(): Promise<void>;
}

/** The embedded default: every service in one process, on a data directory of its own. */
export async function startEmbeddedStack(apiKey: string, env: Record<string, string> = {}): Promise<ChatVaultStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-stack-'));
  const all = await ChatVaultProcess.start('all', { TARGET: 'all', DATA_DIR: dataDir, CHATVAULT_API_KEY: apiKey, LOG_LEVEL: 'warn', ...env });
  return {
    api: all.url,
    stop: async () => {
      await all.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * ChatVault on Kafka, PostgreSQL, Elasticsearch and Redis, isolated by a namespace and a database of
 * their own, which stopping drops with the namespace's topics and indices: one process per name in
 * `services` (`['all']` runs them in one).
 */
export async function startRealStack(apiKey: string, services: readonly string[], env: Record<string, string> = {}): Promise<ChatVaultStack> {
  const database = await createTestDatabase();
  const namespace = `stack-${randomUUID().slice(0, 8)}`;
  const shared = { ...realStackEnv(database, namespace, apiKey), ...env };
  const processes = await Promise.all(services.map(async (name) => ChatVaultProcess.start(name, { ...shared, TARGET: name })));
  const api = processes.find((p) => p.name === 'api' || p.name === 'all');
  if (!api) throw new Error('a real stack needs the api service (or all)');
  return {
    api: api.url,
    stop: async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await database.drop();
      await dropNamespace(shared, namespace);
    },
  };
}
