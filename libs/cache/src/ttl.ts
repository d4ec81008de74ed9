/**
 * A zero or negative TTL would make Redis reject the command and the memory cache store an entry
 * that is already dead, so both adapters refuse it with the same error; fractions round up.
 */
export function validTtlMs(name: string, ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${ms}`);
  }
  return Math.ceil(ms);
}
