import { describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { describeCacheConformance } from './cache-conformance';
import { createCache } from './create-cache';
import { MemoryCache } from './memory-cache';

describeCacheConformance('MemoryCache', async () => new MemoryCache());

describe('MemoryCache', () => {
  it('drops expired entries nobody reads again', async () => {
    const cache = new MemoryCache({ sweepIntervalMs: 20 });
    try {
      await Promise.all(Array.from({ length: 1_000 }, (_, i) => cache.setIfAbsent(`dedup:${i}`, '1', 30)));
      await cache.set('kept', 'v', 60_000);
      expect(cache.size).toBe(1_001);
      const deadline = Date.now() + 5_000;
      while (cache.size > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(cache.size).toBe(1);
      expect(await cache.get('kept')).toBe('v');
    } finally {
      await cache.close();
    }
  });
});

describe('createCache without REDIS_URL', () => {
  it('returns the in-memory cache', async () => {
    const cache = await createCache(loadConfig({}), createLogger('silent'));
    try {
      expect(cache).toBeInstanceOf(MemoryCache);
    } finally {
      await cache.close();
    }
  });
});
