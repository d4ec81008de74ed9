import { createHash } from 'node:crypto';
import { lengthPrefixed } from './record-hash';

/** The chain's starting link: ties a chain to its corp and day, so one cannot be passed off as another. */
export function genesisHash(corpId: string, day: string): string {
  return createHash('sha256').update(lengthPrefixed(['chatvault-chain-v1', corpId, day])).digest('hex');
}

/** chain(n) = SHA-256(chain(n-1) || record(n)), over the 32 raw bytes of each hash. */
export function nextChainHash(previousChainHash: string, recordHash: string): string {
  return createHash('sha256').update(Buffer.from(previousChainHash, 'hex')).update(Buffer.from(recordHash, 'hex')).digest('hex');
}

/** The chain hash after each record hash, in order. */
export function chainHashes(corpId: string, day: string, recordHashes: readonly string[]): string[] {
  return continueChain(genesisHash(corpId, day), recordHashes);
}

/** The chain hash after each record hash, from a chain that ended at `previousChainHash`. */
export function continueChain(previousChainHash: string, recordHashes: readonly string[]): string[] {
  const chain: string[] = [];
  let previous = previousChainHash;
  for (const hash of recordHashes) {
    previous = nextChainHash(previous, hash);
    chain.push(previous);
  }
  return chain;
}
