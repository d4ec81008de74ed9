/**
 * The partition a key lands on: FNV-1a (32 bit) of its UTF-8 bytes, so the mapping is stable across
 * restarts and processes, which keyed order over a durable log depends on.
 */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
