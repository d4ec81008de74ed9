import type { Config, Logger } from '@chatvault/platform';
import type { Cache } from './cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';

/**
 * Redis when REDIS_URL is set, connected before it returns; otherwise the in-memory cache, which
 * only works while every service runs in this one process.
 */
export async function createCache(config: Config, logger: Logger): Promise<Cache> {
  if (config.REDIS_URL) {
    return RedisCache.connect({ url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, logger });
  }
  logger.child({ component: 'cache' }).info('REDIS_URL is not set: using the in-memory cache, which other processes do not see');
  return new MemoryCache();
}
