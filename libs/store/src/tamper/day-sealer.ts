import type { ArchiveDaySealed } from '@chatvault/contracts';
import type { ArchiveStore, ChainEntry, DayAmendment, DaySeal } from '../archive-store';
import { businessDayOf, businessDayRange } from './business-day';
import { chainHashes, continueChain, genesisHash } from './hash-chain';
import { merkleRoot } from './merkle-root';
import { recordHash } from './record-hash';
import { dayAmendedEvent, daySealedEvent } from './day-sealed-event';

export interface SealResult {
  seal: DaySeal;
  /** False when the day was sealed before and the existing seal is returned. */
  created: boolean;
}

/** Publishes a seal or an amendment; called for existing seals too, so a seal whose first announcement failed is announced again. */
export type AnnounceSeal = (event: ArchiveDaySealed) => Promise<void>;

/**
 * A record unsealed in a sealed day counts as late, not forged, only if it was archived after this
 * point: the seal's own listing may miss a record whose insert was still committing.
 */
export const LATE_RECORD_MARGIN_MS = 10 * 60_000;

const DAY_MS = 86_400_000;

/** Closes a corp-day: hashes each record, chains the hashes and stores them with the day's Merkle root. */
export class DaySealer {
  constructor(
    private readonly store: ArchiveStore,
    private readonly announce: AnnounceSeal = async () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async seal(corpId: string, day: string): Promise<SealResult> {
    const result = await this.sealOnce(corpId, day);
    await this.announce(daySealedEvent(result.seal));
    return result;
  }

  private async sealOnce(corpId: string, day: string): Promise<SealResult> {
    const existing = await this.store.chain.findSeal(corpId, day);
    if (existing) return { seal: existing, created: false };
    const { fromMs, toMs } = businessDayRange(day);
    const records = await this.store.messages.listBetween(corpId, fromMs, toMs);
    const hashes = records.map(recordHash);
    const chain = chainHashes(corpId, day, hashes);
    const seal: DaySeal = {
      corpId,
      day,
      recordCount: records.length,
      merkleRoot: merkleRoot(hashes),
      lastChainHash: chain.at(-1) ?? genesisHash(corpId, day),
      sealedAt: this.now(),
    };
    return this.store.chain.sealDay(seal, entriesOf(corpId, day, 0, records.map((r) => r.message.msgid), hashes, chain));
  }

  /** Seals the day for every corp that has records in it; returns the seals this call created. */
  async sealAllCorps(day: string): Promise<DaySeal[]> {
    const { fromMs, toMs } = businessDayRange(day);
    const created: DaySeal[] = [];
    for (const corpId of await this.store.messages.corpsBetween(fromMs, toMs)) {
      const result = await this.seal(corpId, day);
      if (result.created) created.push(result.seal);
    }
    return created;
  }

  /**
   * Closes the records that reached a sealed day after its seal with an amendment continuing the
   * day's chain; null when there are none or the day is not sealed. Records in the day that were
   * archived before the seal yet are not in it are left out: nothing legitimate explains them, and
   * verification names them as inserted.
   */
  async amend(corpId: string, day: string): Promise<DayAmendment | null> {
    const seal = await this.store.chain.findSeal(corpId, day);
    if (!seal) return null;
    const { fromMs, toMs } = businessDayRange(day);
    const [entries, amendments, records] = await Promise.all([
      this.store.chain.entries(corpId, day),
      this.store.chain.amendments(corpId, day),
      this.store.messages.listBetween(corpId, fromMs, toMs),
    ]);
    const sealed = new Set(entries.map((entry) => entry.msgid));
    const late = records.filter((r) => !sealed.has(r.message.msgid) && r.archivedAt >= seal.sealedAt - LATE_RECORD_MARGIN_MS);
    if (late.length === 0) return null;
    const previous = amendments.at(-1);
    const hashes = late.map(recordHash);
    const chain = continueChain(previous?.lastChainHash ?? seal.lastChainHash, hashes);
    const amendment: DayAmendment = {
      corpId,
      day,
      amendment: (previous?.amendment ?? 0) + 1,
      firstPosition: entries.length,
      recordCount: late.length,
      merkleRoot: merkleRoot(hashes),
      lastChainHash: chain.at(-1)!,
      sealedAt: this.now(),
    };
    const result = await this.store.chain.amendDay(amendment, entriesOf(corpId, day, entries.length, late.map((r) => r.message.msgid), hashes, chain));
    if (!result.created) return null;
    await this.announce(dayAmendedEvent(result.amendment));
    return result.amendment;
  }

  /** Amends every sealed day of the last `days` days, of every corp, whose records grew since it was closed. */
  async amendRecentDays(days: number): Promise<DayAmendment[]> {
    const until = this.now();
    const since = businessDayOf(until - days * DAY_MS);
    const done: DayAmendment[] = [];
    for (const corpId of await this.store.messages.corpsBetween(businessDayRange(since).fromMs, until)) {
      for (const seal of await this.store.chain.sealsSince(corpId, since)) {
        const { fromMs, toMs } = businessDayRange(seal.day);
        const amendments = await this.store.chain.amendments(corpId, seal.day);
        const closed = amendments.reduce((sum, a) => sum + a.recordCount, seal.recordCount);
        if ((await this.store.messages.countBetween(corpId, fromMs, toMs)) <= closed) continue;
        const amendment = await this.amend(corpId, seal.day);
        if (amendment) done.push(amendment);
      }
    }
    return done;
  }
}

function entriesOf(corpId: string, day: string, firstPosition: number, msgids: readonly string[], hashes: readonly string[], chain: readonly string[]): ChainEntry[] {
  return msgids.map((msgid, i) => ({ corpId, day, position: firstPosition + i, msgid, recordHash: hashes[i]!, chainHash: chain[i]! }));
}
