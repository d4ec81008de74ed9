import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Severity } from '@chatvault/contracts';
import { createMessageBus, type MessageBus } from '@chatvault/bus';
import { createCache, type Cache } from '@chatvault/cache';
import { createLogger, loadConfig, type Config } from '@chatvault/platform';
import { createArchiveStore, type AlertRecord, type ArchiveStore } from '@chatvault/store';
import { createTestDatabase, dropNamespace, realStackEnv } from '@chatvault/testing';

/** What notification tests run on: the embedded adapters, or Kafka, PostgreSQL and Redis. */
export interface NotifyTestStack {
  config: Config;
  store: ArchiveStore;
  cache: Cache;
  /** Not started: the test subscribes its services first. */
  bus: MessageBus;
  /** Stops the bus, then closes the cache and the store and removes what the stack stored. */
  close(): Promise<void>;
}

export type OpenStack = (env: Record<string, string>) => Promise<NotifyTestStack>;

export const NOTIFY_STACKS: [string, OpenStack][] = [
  [
    'the embedded default',
    async (env) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-notify-'));
      return connect(loadConfig({ ...env, DATA_DIR: dataDir }), async () => rmSync(dataDir, { recursive: true, force: true }));
    },
  ],
  [
    'the real stack',
    async (env) => {
      const database = await createTestDatabase('chatvault_notify');
      const ns = `notify-${randomUUID().slice(0, 8)}`;
      const stackEnv = { ...realStackEnv(database, ns, `cv_${randomUUID()}`), ...env };
      return connect(loadConfig(stackEnv), async () => {
        await database.drop();
        await dropNamespace(stackEnv, ns);
      });
    },
  ],
];

async function connect(config: Config, remove: () => Promise<void>): Promise<NotifyTestStack> {
  const logger = createLogger('silent');
  const store = await createArchiveStore(config, logger);
  await store.migrate();
  const cache = await createCache(config, logger);
  const bus = createMessageBus(config, logger);
  return {
    config,
    store,
    cache,
    bus,
    close: async () => {
      await bus.stop();
      await cache.close();
      await store.close();
      await remove();
    },
  };
}

/** An off-book-deal alert of the employee with a customer, raised at `at`. */
export function offBookAlert(corpId: string, employeeId: string, severity: Severity, at: number): AlertRecord {
  const alertId = randomUUID();
  return {
    alertId,
    dedupKey: alertId,
    groupKey: alertId,
    corpId,
    employeeId,
    conversationId: `single:wmCustomer1|${employeeId}`,
    ruleId: 'off-book-keywords',
    category: 'off-book-deal',
    severity,
    msgids: ['m1'],
    excerpt: '这单我们走飞单，别走公司',
    policyId: 'default-conduct',
    policyVersion: 3,
    status: 'new',
    createdAt: at,
  };
}
