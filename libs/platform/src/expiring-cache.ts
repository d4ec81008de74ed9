/**
 * Values read from a store and kept for a while, so a hot path pays no round trip for what changes
 * rarely. Callers asking for a key at once share one load; a failed load is not kept, so the next
 * caller tries again.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { until: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.clock();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.value;
    for (const [k, entry] of this.entries) if (entry.until <= now) this.entries.delete(k);
    const value = load();
    const entry = { until: now + this.ttlMs, value };
    this.entries.set(key, entry);
    // Only this load's own entry: a later load for the key may have replaced it meanwhile.
    value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return value;
  }
}
