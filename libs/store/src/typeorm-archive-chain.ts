import { MoreThanOrEqual } from 'typeorm';
import type { ArchiveChain, ChainEntry, DayAmendment, DaySeal } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { ChainEntryEntity } from './entities/chain-entry.entity';
import { DaySealEntity } from './entities/day-seal.entity';
import { DayAmendmentEntity } from './entities/day-amendment.entity';
import { chunksOf } from '@chatvault/platform';
import { MAX_BOUND_PARAMETERS } from './bound-parameters';

/** Six columns per chain entry. */
const ENTRIES_PER_INSERT = Math.floor(MAX_BOUND_PARAMETERS / 6);

function sealOf(entity: DaySealEntity): DaySeal {
  return {
    corpId: entity.corpId,
    day: entity.day,
    recordCount: entity.recordCount,
    merkleRoot: entity.merkleRoot,
    lastChainHash: entity.lastChainHash,
    sealedAt: entity.sealedAt,
  };
}

export class TypeormArchiveChain implements ArchiveChain {
  constructor(private readonly db: DatabaseAccess) {}

  sealDay(seal: DaySeal, entries: readonly ChainEntry[]): Promise<{ seal: DaySeal; created: boolean }> {
    return this.db.transaction(async (manager) => {
      // The seal row goes first: a concurrent sealer of the same day waits on its key, then finds it.
      const inserted: unknown[] = await manager.query(
        `${this.db.insertInto('archive_day_seals', ['corp_id', 'day', 'record_count', 'merkle_root', 'last_chain_hash', 'sealed_at'])} ` +
          'ON CONFLICT ("corp_id", "day") DO NOTHING RETURNING "corp_id"',
        [seal.corpId, seal.day, seal.recordCount, seal.merkleRoot, seal.lastChainHash, seal.sealedAt],
      );
      if (inserted.length === 0) {
        const existing = await manager.findOneByOrFail(DaySealEntity, { corpId: seal.corpId, day: seal.day });
        return { seal: sealOf(existing), created: false };
      }
      for (const chunk of chunksOf([...entries], ENTRIES_PER_INSERT)) {
        await manager.insert(ChainEntryEntity, chunk);
      }
      return { seal, created: true };
    });
  }

  async findSeal(corpId: string, day: string): Promise<DaySeal | null> {
    const entity = await this.db.run((manager) => manager.findOneBy(DaySealEntity, { corpId, day }));
    return entity ? sealOf(entity) : null;
  }

  async entries(corpId: string, day: string): Promise<ChainEntry[]> {
    const entities = await this.db.run((manager) =>
      manager.find(ChainEntryEntity, { where: { corpId, day }, order: { position: 'ASC' } }),
    );
    return entities.map(({ corpId: c, day: d, position, msgid, recordHash, chainHash }) => ({
      corpId: c,
      day: d,
      position,
      msgid,
      recordHash,
      chainHash,
    }));
  }

  amendDay(amendment: DayAmendment, entries: readonly ChainEntry[]): Promise<{ amendment: DayAmendment; created: boolean }> {
    return this.db.transaction(async (manager) => {
      const columns = ['corp_id', 'day', 'amendment', 'first_position', 'record_count', 'merkle_root', 'last_chain_hash', 'sealed_at'];
      const a = amendment;
      // As with seals, the amendment row first: a concurrent amender of the same number waits on its key.
      const inserted: unknown[] = await manager.query(
        `${this.db.insertInto('archive_day_amendments', columns)} ON CONFLICT ("corp_id", "day", "amendment") DO NOTHING RETURNING "corp_id"`,
        [a.corpId, a.day, a.amendment, a.firstPosition, a.recordCount, a.merkleRoot, a.lastChainHash, a.sealedAt],
      );
      if (inserted.length === 0) {
        const existing = await manager.findOneByOrFail(DayAmendmentEntity, { corpId: a.corpId, day: a.day, amendment: a.amendment });
        return { amendment: { ...existing }, created: false };
      }
      for (const chunk of chunksOf([...entries], ENTRIES_PER_INSERT)) {
        await manager.insert(ChainEntryEntity, chunk);
      }
      return { amendment, created: true };
    });
  }

  async amendments(corpId: string, day: string): Promise<DayAmendment[]> {
    const entities = await this.db.run((manager) => manager.find(DayAmendmentEntity, { where: { corpId, day }, order: { amendment: 'ASC' } }));
    return entities.map((entity) => ({ ...entity }));
  }

  async sealsSince(corpId: string, sinceDay: string): Promise<DaySeal[]> {
    const entities = await this.db.run((manager) => manager.find(DaySealEntity, { where: { corpId, day: MoreThanOrEqual(sinceDay) }, order: { day: 'ASC' } }));
    return entities.map(sealOf);
  }
}
