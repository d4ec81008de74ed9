export interface Lock {
  /** Releases the lock if this holder still owns it; a lock that expired is not released twice. */
  release(): Promise<void>;
}

/**
 * Short-lived shared state: dedup keys, windowed counters, locks. Nothing here is the record of
 * truth; losing it may cost a duplicate check, never data.
 */
export interface Cache {
  /** Sets key only when absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** Counts in a fixed window starting at the first increment; returns the count after this one. */
  increment(key: string, windowMs: number): Promise<number>;
  /** Null when another holder has the lock. */
  tryLock(key: string, ttlMs: number): Promise<Lock | null>;
  close(): Promise<void>;
}

export const CACHE = Symbol('Cache');
