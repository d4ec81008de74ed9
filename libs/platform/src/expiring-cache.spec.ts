import { describe, expect, it } from 'vitest';
import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let now = 0;
  const clock = () => now;

  it('loads a key once while it is fresh, and again once it is older than the ttl', async () => {
    now = 1_000;
    const cache = new ExpiringCache<string, number>(500, clock);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    now = 1_499;
    expect(await cache.get('a', load)).toBe(1);
    now = 1_500;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('shares one load among callers asking at once, and keeps keys apart', async () => {
    const cache = new ExpiringCache<string, string>(500, clock);
    let loads = 0;
    const load = (value: string) => () => new Promise<string>((resolve) => setTimeout(() => resolve(`${value}${++loads}`), 5));
    const answers = await Promise.all([cache.get('a', load('a')), cache.get('a', load('a')), cache.get('b', load('b'))]);
    expect(answers).toEqual(['a1', 'a1', 'b2']);
  });

  it('does not keep a failed load: the next caller loads again', async () => {
    const cache = new ExpiringCache<string, string>(500, clock);
    await expect(cache.get('a', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('a', async () => 'back')).toBe('back');
  });
});
