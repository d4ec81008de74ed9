import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { freePort } from '@chatvault/testing';
import { describeCacheConformance } from './cache-conformance';
import { createCache } from './create-cache';
import { RedisCache } from './redis-cache';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');
// Other test files and teammates share this server: everything this file writes lives under its own prefix.
const keyPrefix = `chatvault-test:cache-${randomUUID()}:`;

const admin = new Redis(url);
afterAll(async () => {
  const keys: string[] = [];
  for await (const batch of admin.scanStream({ match: `${keyPrefix}*` })) keys.push(...(batch as string[]));
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

describeCacheConformance('RedisCache', () => RedisCache.connect({ url, keyPrefix, logger }));

describe('RedisCache', () => {
  it('writes every key under its prefix, and window counters always with an expiry', async () => {
    const cache = await RedisCache.connect({ url, keyPrefix: `${keyPrefix}own:`, logger });
    try {
      await cache.set('plain', 'v', 60_000);
      await cache.increment('counter', 60_000);
      await cache.increment('counter', 60_000);
      expect(await admin.get(`${keyPrefix}own:plain`)).toBe('v');
      expect(await admin.get(`${keyPrefix}own:counter`)).toBe('2');
      expect(await admin.get('plain')).toBeNull();
      const pttl = await admin.pttl(`${keyPrefix}own:counter`);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(60_000);
    } finally {
      await cache.close();
    }
  });

  it('fails to connect with a message naming the host and not the password', async () => {
    const port = await freePort();
    const attempt = RedisCache.connect({ url: `redis://:hunter2-secret@127.0.0.1:${port}/3`, keyPrefix, logger });
    const error = await attempt.then(
      () => new Error('connected to a port nobody listens on'),
      (e: Error) => e,
    );
    expect(error.message).toContain(`cannot connect to Redis at redis://127.0.0.1:${port}/3`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('hunter2');
  });

  it('fails to connect with wrong credentials, naming the host and not the password', async () => {
    const target = new URL(url);
    target.username = `nobody-${randomUUID()}`;
    target.password = 'hunter2-secret';
    const error = await RedisCache.connect({ url: target.toString(), keyPrefix, logger }).then(
      () => new Error('connected with a user that does not exist'),
      (e: Error) => e,
    );
    expect(error.message).toMatch(/^cannot connect to Redis at redis:\/\/[^ ]+: WRONGPASS/);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('nobody-');
  });

  it('refuses a URL that is not a Redis URL without echoing it', async () => {
    await expect(RedisCache.connect({ url: 'http://user:hunter2@cache:6379', keyPrefix, logger })).rejects.toThrow(
      'REDIS_URL must start with redis:// or rediss://, got http://',
    );
    await expect(RedisCache.connect({ url: 'hunter2 is no url', keyPrefix, logger })).rejects.toThrow(
      /^REDIS_URL is not a valid URL[^]*$/,
    );
  });

  it('fails commands at once with the server named, after the connection is gone', async () => {
    const cache = await RedisCache.connect({ url, keyPrefix, logger });
    await cache.close();
    await expect(cache.get('anything')).rejects.toThrow(/^Redis at redis:\/\/[^ ]+: GET failed: /);
  });
});

describe('createCache with REDIS_URL', () => {
  it('connects to Redis under REDIS_KEY_PREFIX', async () => {
    const cache = await createCache(loadConfig({ REDIS_URL: url, REDIS_KEY_PREFIX: `${keyPrefix}factory:` }), logger);
    try {
      expect(cache).toBeInstanceOf(RedisCache);
      await cache.set('k', 'from-factory', 60_000);
      expect(await admin.get(`${keyPrefix}factory:k`)).toBe('from-factory');
    } finally {
      await cache.close();
    }
  });
});
