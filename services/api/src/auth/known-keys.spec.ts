import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type ArchiveStore } from '@chatvault/store';
import { generateApiKey, hashApiKey } from './api-key';
import { KNOWN_KEY_TTL_MS, KnownKeys } from './known-keys';

/** Two API processes on one database: the one that revokes, and another one. */
describe('known keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-known-keys-'));
  let store: ArchiveStore;

  const issue = async () => {
    const key = { id: randomUUID(), name: 'SOC dashboard', keyHash: hashApiKey(generateApiKey()), role: 'reader' as const, createdAt: Date.now() };
    await store.apiKeys.insert(key);
    return key;
  };

  beforeAll(async () => {
    store = await createArchiveStore(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
    await store.migrate();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds a key issued after an unknown-key lookup at once: unknown keys are not remembered', async () => {
    const keys = new KnownKeys(store);
    const hash = hashApiKey(generateApiKey());
    expect(await keys.find(hash)).toBeNull();
    await store.apiKeys.insert({ id: randomUUID(), name: 'new', keyHash: hash, role: 'ingest', createdAt: Date.now() });
    expect(await keys.find(hash)).toMatchObject({ name: 'new', revokedAt: null });
  });

  it('refuses a key revoked in this process from the next lookup on', async () => {
    const keys = new KnownKeys(store);
    const key = await issue();
    expect(await keys.find(key.keyHash)).toMatchObject({ revokedAt: null });
    await store.apiKeys.revoke(key.id, 'admin', Date.now());
    keys.forget(key.id);
    expect(await keys.find(key.keyHash)).toMatchObject({ id: key.id, revokedBy: 'admin' });
  });

  it('lets another process trust a key it found for at most KNOWN_KEY_TTL_MS after a revocation', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const elsewhere = new KnownKeys(store);
    const key = await issue();
    expect(await elsewhere.find(key.keyHash)).toMatchObject({ revokedAt: null });
    await store.apiKeys.revoke(key.id, 'admin', Date.now());
    vi.setSystemTime(Date.now() + KNOWN_KEY_TTL_MS - 1);
    expect(await elsewhere.find(key.keyHash)).toMatchObject({ revokedAt: null });
    vi.setSystemTime(Date.now() + 1);
    expect(await elsewhere.find(key.keyHash)).toMatchObject({ revokedBy: 'admin' });
  });
});
