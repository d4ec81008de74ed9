import type { Cache } from '@chatvault/cache';
import type { WindowCounter } from '@chatvault/policy-engine';

/**
 * Counts each message once per rate key across every replica: a redelivered message finds its
 * mark and reads the count instead of raising it again.
 */
export function rateWindowCounter(cache: Cache, messageKey: string): WindowCounter {
  return async (key, windowMs) => {
    if (await cache.setIfAbsent(`${key}:counted:${messageKey}`, '1', windowMs)) return cache.increment(key, windowMs);
    return Number((await cache.get(key)) ?? 0);
  };
}
