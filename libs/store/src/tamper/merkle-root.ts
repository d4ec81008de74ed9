import { createHash } from 'node:crypto';

/** Prefix of an inner node, so no inner node can be passed off as a leaf (leaves are record hashes). */
const INNER_NODE = Buffer.from([0x01]);

/**
 * Merkle root (hex) over record hashes in order. Each level pairs neighbours as
 * SHA-256(0x01 || left || right); an odd last node is carried up unchanged (not paired with itself,
 * which would let a list with its last record doubled share the root). One record: the root is its
 * hash. No records: SHA-256 of no bytes.
 */
export function merkleRoot(recordHashes: readonly string[]): string {
  if (recordHashes.length === 0) return createHash('sha256').digest('hex');
  let level: Buffer[] = recordHashes.map((hash) => Buffer.from(hash, 'hex'));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? level[i]! : createHash('sha256').update(INNER_NODE).update(level[i]!).update(right).digest());
    }
    level = next;
  }
  return level[0]!.toString('hex');
}
