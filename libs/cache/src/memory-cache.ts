import { randomUUID } from 'node:crypto';
import type { Cache, Lock } from './cache';
import { validTtlMs } from './ttl';

interface Entry {
  value: string;
  expiresAt: number;
}

export interface MemoryCacheOptions {
  /** How often expired entries nobody reads again are dropped. */
  readonly sweepIntervalMs?: number;
}

const DEFAULT_SWEEP_INTERVAL_MS = 30_000;

/**
 * The `Cache` port inside one process, for the embedded mode. Expired entries are invisible at once
 * and dropped when read, and a periodic sweep drops the ones nobody reads again (dedup keys are
 * written once and never read back), so memory follows the live entries.
 */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: MemoryCacheOptions = {}) {
    this.sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
    // A cache must never be the reason a process cannot exit.
    this.sweeper.unref();
  }

  /** Entries held, counting expired ones not yet dropped. */
  get size(): number {
    return this.entries.size;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const ttl = validTtlMs('ttlMs', ttlMs);
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: Date.now() + ttl });
    return true;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const ttl = validTtlMs('ttlMs', ttlMs);
    this.entries.set(key, { value, expiresAt: Date.now() + ttl });
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const window = validTtlMs('windowMs', windowMs);
    const entry = this.live(key);
    if (!entry) {
      this.entries.set(key, { value: '1', expiresAt: Date.now() + window });
      return 1;
    }
    // Same rule as Redis INCR: only a decimal integer can be counted on.
    if (!/^-?\d+$/.test(entry.value)) throw new Error(`cannot increment "${key}": its value is not an integer`);
    const count = Number(entry.value) + 1;
    entry.value = String(count);
    return count;
  }

  async tryLock(key: string, ttlMs: number): Promise<Lock | null> {
    const token = randomUUID();
    if (!(await this.setIfAbsent(key, token, ttlMs))) return null;
    return {
      release: async () => {
        // After expiry someone else may hold the key: only the token proves it is still ours.
        if (this.live(key)?.value === token) this.entries.delete(key);
      },
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}
