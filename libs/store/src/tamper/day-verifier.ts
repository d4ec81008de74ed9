import { counter } from '@chatvault/platform';
import type { ArchiveStore, ChainEntry } from '../archive-store';
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
  /** In the day now, but in neither its seal nor an amendment. */
  inserted: string[];
  /** Sealed with the day, but no longer in it. */
  missing: string[];
  /** Reached the day after its seal and were closed by an amendment: not a change, but worth knowing. */
  amended: string[];
  /** The Merkle root of the seal and of each amendment, over their records as they are now, equals the stored one. */
  rootMatches: boolean;
  /** The stored chain entries still link from the genesis hash through every seal's and amendment's last chain hash. */
  chainIntact: boolean;
  /** Records closed by the seal and its amendments. */
  sealedCount: number;
  currentCount: number;
}

/** A run of chain positions closed at once: the seal, or one amendment. */
interface Closing {
  firstPosition: number;
  recordCount: number;
  merkleRoot: string;
  lastChainHash: string;
}

/** Any hash that cannot be a record's: stands in for a sealed record that is gone, so its root cannot match. */
const GONE = '0'.repeat(64);

/** Re-derives a sealed corp-day's hashes from the archived rows and names what changed since it was closed. */
export class DayVerifier {
  constructor(private readonly store: ArchiveStore) {}

  async verify(corpId: string, day: string): Promise<VerifyResult> {
    const { fromMs, toMs } = businessDayRange(day);
    const seal = await this.store.chain.findSeal(corpId, day);
    if (!seal) throw new StoreError('day_not_sealed', `${day} is not sealed for corp ${corpId}`);
    const [entries, amendments, records] = await Promise.all([
      this.store.chain.entries(corpId, day),
      this.store.chain.amendments(corpId, day),
      this.store.messages.listBetween(corpId, fromMs, toMs),
    ]);
    const closings: Closing[] = [{ ...seal, firstPosition: 0 }, ...amendments];
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
    const amended = entries.slice(seal.recordCount).map((entry) => entry.msgid);
    const rootMatches = closings.every((closing) => merkleRoot(entriesIn(entries, closing).map((e) => current.get(e.msgid) ?? GONE)) === closing.merkleRoot);

    const linked = chainIntact(corpId, day, entries, closings);
    const ok = altered.length === 0 && inserted.length === 0 && missing.length === 0 && rootMatches && linked;
    verifications.inc({ outcome: ok ? 'intact' : 'tampered' });
    return {
      corpId,
      day,
      ok,
      altered: altered.sort(),
      inserted: inserted.sort(),
      missing: missing.sort(),
      amended: amended.sort(),
      rootMatches,
      chainIntact: linked,
      sealedCount: entries.length,
      currentCount: records.length,
    };
  }
}

function entriesIn(entries: readonly ChainEntry[], closing: Closing): ChainEntry[] {
  return entries.slice(closing.firstPosition, closing.firstPosition + closing.recordCount);
}

/** The entries are checked too: rewriting a row and its entry together still breaks the chain or a root. */
function chainIntact(corpId: string, day: string, entries: readonly ChainEntry[], closings: readonly Closing[]): boolean {
  const relinked = chainHashes(corpId, day, entries.map((entry) => entry.recordHash));
  const linkAt = (position: number) => (position < 0 ? genesisHash(corpId, day) : relinked[position]);
  const endOf = (closing: Closing) => closing.firstPosition + closing.recordCount;
  return (
    closings.every((closing, i) => closing.firstPosition === (i === 0 ? 0 : endOf(closings[i - 1]!))) &&
    entries.length === endOf(closings.at(-1)!) &&
    entries.every((entry, i) => entry.position === i && entry.chainHash === relinked[i]) &&
    closings.every((closing) => linkAt(endOf(closing) - 1) === closing.lastChainHash)
  );
}
