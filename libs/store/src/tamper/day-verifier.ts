import { counter } from '@chatvault/platform';
import type { ArchiveStore } from '../archive-store';
import { StoreError } from '../store-error';
import { businessDayRange } from './business-day';
import { chainHashes, genesisHash } from './hash-chain';
import { merkleRoot } from './merkle-root';
import { recordHash } from './record-hash';

const verifications = counter('chatvault_archive_verifications_total', 'Sealed corp-days verified against the archive, by outcome', ['outcome']);

export interface VerifyResult {
  corpId: string;
  day: string;
  ok: boolean;
  /** Archived when sealed, but their canonical bytes changed since. */
  altered: string[];
  /** In the day now, but not when it was sealed. */
  inserted: string[];
  /** Sealed with the day, but no longer in it. */
  missing: string[];
  /** The Merkle root over the records as they are now equals the sealed root. */
  rootMatches: boolean;
  /** The stored chain entries still link from the genesis hash to the sealed last chain hash. */
  chainIntact: boolean;
  sealedCount: number;
  currentCount: number;
}

/** Re-derives a sealed corp-day's hashes from the archived rows and names what changed since the seal. */
export class DayVerifier {
  constructor(private readonly store: ArchiveStore) {}

  async verify(corpId: string, day: string): Promise<VerifyResult> {
    const { fromMs, toMs } = businessDayRange(day);
    const seal = await this.store.chain.findSeal(corpId, day);
    if (!seal) throw new StoreError('day_not_sealed', `${day} is not sealed for corp ${corpId}`);
    const [entries, records] = await Promise.all([
      this.store.chain.entries(corpId, day),
      this.store.messages.listBetween(corpId, fromMs, toMs),
    ]);
    const current = new Map(records.map((record) => [record.message.msgid, recordHash(record)]));
    const sealed = new Map(entries.map((entry) => [entry.msgid, entry.recordHash]));

    const altered: string[] = [];
    const missing: string[] = [];
    for (const [msgid, hash] of sealed) {
      const now = current.get(msgid);
      if (now === undefined) missing.push(msgid);
      else if (now !== hash) altered.push(msgid);
    }
    const inserted = [...current.keys()].filter((msgid) => !sealed.has(msgid));

    // The entries are checked too: rewriting a row and its entry together still breaks the chain or root.
    const relinked = chainHashes(corpId, day, entries.map((entry) => entry.recordHash));
    const chainIntact =
      entries.length === seal.recordCount &&
      entries.every((entry, i) => entry.position === i && entry.chainHash === relinked[i]) &&
      (relinked.at(-1) ?? genesisHash(corpId, day)) === seal.lastChainHash;
    const rootMatches = merkleRoot([...current.values()]) === seal.merkleRoot;

    const ok = altered.length === 0 && inserted.length === 0 && missing.length === 0 && rootMatches && chainIntact;
    verifications.inc({ outcome: ok ? 'intact' : 'tampered' });
    return {
      corpId,
      day,
      ok,
      altered: altered.sort(),
      inserted: inserted.sort(),
      missing: missing.sort(),
      rootMatches,
      chainIntact,
      sealedCount: seal.recordCount,
      currentCount: records.length,
    };
  }
}
