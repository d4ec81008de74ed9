import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from './cache';

/** Short enough to keep the suite fast; expiry is awaited by polling, never assumed after a sleep. */
const SHORT_MS = 60;
/** Long enough never to lapse during a test. */
const LONG_MS = 60_000;
const DEADLINE_MS = 5_000;

/** Polls `probe` until it returns something other than null or false, or fails naming what never happened. */
async function eventually<T>(probe: () => Promise<T | null | false>, what: string): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const result = await probe();
    if (result !== null && result !== false) return result;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The semantics of the `Cache` port, checked against one adapter. `makeAdapter` returns a fresh
 * cache per test; adapters on a shared server must isolate themselves with a key prefix unique to
 * the calling test file.
 */
export function describeCacheConformance(name: string, makeAdapter: () => Promise<Cache>): void {
  describe(`Cache conformance: ${name}`, () => {
    let cache: Cache;
    beforeEach(async () => {
      cache = await makeAdapter();
    });
    afterEach(async () => {
      await cache.close();
    });

    describe('get, set and delete', () => {
      it('reads back what was set and null for what never was', async () => {
        await cache.set('gsd:a', 'alpha', LONG_MS);
        expect(await cache.get('gsd:a')).toBe('alpha');
        expect(await cache.get('gsd:never-set')).toBeNull();
      });

      it('overwrites the value and the TTL', async () => {
        await cache.set('gsd:overwrite', 'first', SHORT_MS);
        await cache.set('gsd:overwrite', 'second', LONG_MS);
        await cache.set('gsd:sentinel', 'x', SHORT_MS);
        await eventually(async () => (await cache.get('gsd:sentinel')) === null, 'expiry of the sentinel key');
        expect(await cache.get('gsd:overwrite')).toBe('second');
      });

      it('deletes several keys at once, ignores missing keys and accepts an empty list', async () => {
        await cache.set('gsd:del1', '1', LONG_MS);
        await cache.set('gsd:del2', '2', LONG_MS);
        await cache.set('gsd:keep', '3', LONG_MS);
        await cache.delete('gsd:del1', 'gsd:del2', 'gsd:missing');
        await cache.delete();
        expect(await cache.get('gsd:del1')).toBeNull();
        expect(await cache.get('gsd:del2')).toBeNull();
        expect(await cache.get('gsd:keep')).toBe('3');
      });

      it('rejects a TTL that is not positive', async () => {
        await expect(cache.set('gsd:zero', 'v', 0)).rejects.toThrow(/ttlMs must be a positive number/);
        await expect(cache.setIfAbsent('gsd:negative', 'v', -5)).rejects.toThrow(/ttlMs must be a positive number/);
        await expect(cache.increment('gsd:nan', Number.NaN)).rejects.toThrow(/windowMs must be a positive number/);
        await expect(cache.tryLock('gsd:zero-lock', 0)).rejects.toThrow(/ttlMs must be a positive number/);
      });
    });

    describe('setIfAbsent', () => {
      it('sets only the first time and keeps the first value', async () => {
        expect(await cache.setIfAbsent('sia:twice', 'first', LONG_MS)).toBe(true);
        expect(await cache.setIfAbsent('sia:twice', 'second', LONG_MS)).toBe(false);
        expect(await cache.get('sia:twice')).toBe('first');
      });

      it('lets exactly one of 50 concurrent callers win', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => cache.setIfAbsent('sia:race', `caller-${i}`, LONG_MS)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await cache.get('sia:race')).toBe(`caller-${results.indexOf(true)}`);
      });

      it('succeeds again once the key expired', async () => {
        expect(await cache.setIfAbsent('sia:expiring', 'old', SHORT_MS)).toBe(true);
        await eventually(() => cache.setIfAbsent('sia:expiring', 'new', LONG_MS), 'setIfAbsent after expiry');
        expect(await cache.get('sia:expiring')).toBe('new');
      });
    });

    describe('TTL', () => {
      it('hides an expired key while keys with a longer TTL stay', async () => {
        await cache.set('ttl:short', 'gone soon', SHORT_MS);
        await cache.set('ttl:long', 'stays', LONG_MS);
        await eventually(async () => (await cache.get('ttl:short')) === null, 'expiry of ttl:short');
        expect(await cache.get('ttl:long')).toBe('stays');
      });
    });

    describe('increment', () => {
      it('counts within a window', async () => {
        expect(await cache.increment('inc:count', LONG_MS)).toBe(1);
        expect(await cache.increment('inc:count', LONG_MS)).toBe(2);
        expect(await cache.increment('inc:count', LONG_MS)).toBe(3);
        expect(await cache.increment('inc:other', LONG_MS)).toBe(1);
      });

      it('counts 50 concurrent increments once each', async () => {
        const counts = await Promise.all(Array.from({ length: 50 }, () => cache.increment('inc:race', LONG_MS)));
        expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      });

      it('restarts after the window even while it keeps being incremented', async () => {
        // Incrementing every 10 ms would keep the key alive forever if each hit extended the window.
        const seen: number[] = [];
        await eventually(async () => {
          seen.push(await cache.increment('inc:window', 200));
          return seen.length > 1 && seen[seen.length - 1] === 1;
        }, 'a new window');
        const beforeRestart = seen.slice(0, -1);
        expect(beforeRestart).toEqual(Array.from({ length: beforeRestart.length }, (_, i) => i + 1));
      });

      it('refuses to count a value that is not an integer', async () => {
        await cache.set('inc:text', 'not a number', LONG_MS);
        await expect(cache.increment('inc:text', LONG_MS)).rejects.toThrow(/not an integer/);
      });
    });

    describe('tryLock', () => {
      it('is refused while held and granted again after release', async () => {
        const lock = await cache.tryLock('lock:held', LONG_MS);
        expect(lock).not.toBeNull();
        expect(await cache.tryLock('lock:held', LONG_MS)).toBeNull();
        await lock?.release();
        const again = await cache.tryLock('lock:held', LONG_MS);
        expect(again).not.toBeNull();
        await again?.release();
      });

      it('lets 50 concurrent callers take it exactly once', async () => {
        const locks = await Promise.all(Array.from({ length: 50 }, () => cache.tryLock('lock:race', LONG_MS)));
        expect(locks.filter((l) => l !== null)).toHaveLength(1);
      });

      it('is granted again after its TTL lapsed without a release', async () => {
        expect(await cache.tryLock('lock:lapse', SHORT_MS)).not.toBeNull();
        await eventually(() => cache.tryLock('lock:lapse', LONG_MS), 'the lock to lapse');
        expect(await cache.tryLock('lock:lapse', LONG_MS)).toBeNull();
      });

      it("does not let a stale holder's release free the new holder's lock", async () => {
        const stale = await cache.tryLock('lock:stale', SHORT_MS);
        expect(stale).not.toBeNull();
        const current = await eventually(() => cache.tryLock('lock:stale', LONG_MS), 'the stale lock to lapse');
        await stale?.release();
        expect(await cache.tryLock('lock:stale', LONG_MS)).toBeNull();
        await current.release();
        expect(await cache.tryLock('lock:stale', LONG_MS)).not.toBeNull();
      });

      it('releases twice without harm', async () => {
        const lock = await cache.tryLock('lock:twice', LONG_MS);
        await lock?.release();
        const next = await cache.tryLock('lock:twice', LONG_MS);
        await lock?.release();
        expect(next).not.toBeNull();
        expect(await cache.tryLock('lock:twice', LONG_MS)).toBeNull();
      });
    });
  });
}
