import type { ArchiveStore, ChainEntry, DaySeal } from '../archive-store';
import { businessDayRange } from './business-day';
import { chainHashes, genesisHash } from './hash-chain';
import { merkleRoot } from './merkle-root';
import { recordHash } from './record-hash';

export interface SealResult {
  seal: DaySeal;
  /** False when the day was sealed before and the existing seal is returned. */
  created: boolean;
}

/** Publishes a seal; called for existing seals too, so a seal whose first announcement failed is announced again. */
export type AnnounceSeal = (seal: DaySeal) => Promise<void>;

/** Closes a corp-day: hashes each record, chains the hashes and stores them with the day's Merkle root. */
export class DaySealer {
  constructor(
    private readonly store: ArchiveStore,
    private readonly announce: AnnounceSeal = async () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async seal(corpId: string, day: string): Promise<SealResult> {
    const result = await this.sealOnce(corpId, day);
    await this.announce(result.seal);
    return result;
  }

  private async sealOnce(corpId: string, day: string): Promise<SealResult> {
    const existing = await this.store.chain.findSeal(corpId, day);
    if (existing) return { seal: existing, created: false };
    const { fromMs, toMs } = businessDayRange(day);
    const records = await this.store.messages.listBetween(corpId, fromMs, toMs);
    const hashes = records.map(recordHash);
    const chain = chainHashes(corpId, day, hashes);
    const entries: ChainEntry[] = records.map((record, position) => ({
      corpId,
      day,
      position,
      msgid: record.message.msgid,
      recordHash: hashes[position]!,
      chainHash: chain[position]!,
    }));
    const seal: DaySeal = {
      corpId,
      day,
      recordCount: records.length,
      merkleRoot: merkleRoot(hashes),
      lastChainHash: chain.at(-1) ?? genesisHash(corpId, day),
      sealedAt: this.now(),
    };
    return this.store.chain.sealDay(seal, entries);
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
}
