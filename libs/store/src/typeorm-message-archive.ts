import { Between, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { ArchivedMessageRecord, MessageArchive } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { ArchivedMessageEntity } from './entities/archived-message.entity';
import { chunksOf } from '@chatvault/platform';
import { MAX_BOUND_PARAMETERS } from './bound-parameters';

const COLUMNS = [
  'corp_id',
  'msgid',
  'action',
  'msgtype',
  'from_id',
  'from_kind',
  'tolist',
  'roomid',
  'conversation_id',
  'msgtime',
  'text',
  'known_type',
  'recalled_msgid',
  'media',
  'seq',
  'raw_json',
  'content_hash',
  'source',
  'archived_at',
] as const;

const ROWS_PER_INSERT = Math.floor(MAX_BOUND_PARAMETERS / COLUMNS.length);

function valuesOf(record: ArchivedMessageRecord): unknown[] {
  const m = record.message;
  return [
    m.corpId,
    m.msgid,
    m.action,
    m.msgtype,
    m.from,
    m.fromKind,
    JSON.stringify(m.tolist),
    m.roomid,
    m.conversationId,
    m.msgtime,
    m.text,
    // better-sqlite3 binds no booleans; PostgreSQL reads 1 and 0 as true and false.
    m.knownType ? 1 : 0,
    m.recalledMsgid ?? null,
    JSON.stringify(m.media),
    m.seq ?? null,
    record.rawJson,
    record.contentHash,
    record.source,
    record.archivedAt,
  ];
}

function recordOf(entity: ArchivedMessageEntity): ArchivedMessageRecord {
  return {
    message: {
      corpId: entity.corpId,
      msgid: entity.msgid,
      action: entity.action,
      msgtype: entity.msgtype,
      from: entity.from,
      fromKind: entity.fromKind,
      tolist: entity.tolist,
      roomid: entity.roomid,
      conversationId: entity.conversationId,
      msgtime: entity.msgtime,
      text: entity.text,
      knownType: entity.knownType,
      ...(entity.recalledMsgid === null ? {} : { recalledMsgid: entity.recalledMsgid }),
      media: entity.media,
      ...(entity.seq === null ? {} : { seq: entity.seq }),
    },
    rawJson: entity.rawJson,
    contentHash: entity.contentHash,
    source: entity.source,
    archivedAt: entity.archivedAt,
    ...(entity.recalledBy === null ? {} : { recalledBy: entity.recalledBy }),
  };
}

/**
 * One record per (corpId, msgid), first one wins, in key order: concurrent batches that overlap then
 * take their row locks in the same order and cannot deadlock on PostgreSQL.
 */
function distinctInKeyOrder(records: readonly ArchivedMessageRecord[]): ArchivedMessageRecord[] {
  const byKey = new Map<string, ArchivedMessageRecord>();
  for (const record of records) {
    const key = `${record.message.corpId}\u0000${record.message.msgid}`;
    if (!byKey.has(key)) byKey.set(key, record);
  }
  return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, record]) => record);
}

export class TypeormMessageArchive implements MessageArchive {
  constructor(private readonly db: DatabaseAccess) {}

  async insertNew(records: readonly ArchivedMessageRecord[]): Promise<Set<string>> {
    const chunks = chunksOf(distinctInKeyOrder(records), ROWS_PER_INSERT);
    if (chunks.length === 0) return new Set();
    const insertAll = async (manager: EntityManager): Promise<Set<string>> => {
      const inserted = new Set<string>();
      for (const chunk of chunks) {
        // ON CONFLICT … RETURNING reports exactly the rows this statement inserted (SQLite ≥ 3.35 and PostgreSQL).
        const sql = `${this.db.insertInto('archived_messages', COLUMNS, chunk.length)} ON CONFLICT ("corp_id", "msgid") DO NOTHING RETURNING "msgid"`;
        const rows: { msgid: string }[] = await manager.query(sql, chunk.flatMap(valuesOf));
        for (const row of rows) inserted.add(row.msgid);
      }
      return inserted;
    };
    // One statement is atomic on its own and saves the BEGIN/COMMIT round trips.
    return chunks.length === 1 ? this.db.run(insertAll) : this.db.transaction(insertAll);
  }

  async existing(corpId: string, msgids: readonly string[]): Promise<Set<string>> {
    if (msgids.length === 0) return new Set();
    const p = (i: number) => this.db.placeholder(i);
    const rows: { msgid: string }[] = await this.db.run((manager) =>
      manager.query(`SELECT "msgid" FROM "archived_messages" WHERE "corp_id" = ${p(0)} AND ${this.db.isAnyOf('"msgid"', p(1))}`, [corpId, this.db.listValue([...new Set(msgids)])]),
    );
    return new Set(rows.map((row) => row.msgid));
  }

  async find(corpId: string, msgid: string): Promise<ArchivedMessageRecord | null> {
    const entity = await this.db.run((manager) => manager.findOneBy(ArchivedMessageEntity, { corpId, msgid }));
    return entity ? recordOf(entity) : null;
  }

  async markRecalled(corpId: string, msgid: string, recallMsgid: string): Promise<boolean> {
    const result = await this.db.run((manager) =>
      manager
        .createQueryBuilder()
        .update(ArchivedMessageEntity)
        .set({ recalledBy: recallMsgid })
        .where('corp_id = :corpId AND msgid = :msgid AND recalled_by IS NULL', { corpId, msgid })
        .execute(),
    );
    return result.affected === 1;
  }

  async around(corpId: string, msgid: string, count: number): Promise<ArchivedMessageRecord[]> {
    return this.db.run(async (manager) => {
      const anchor = await manager.findOneBy(ArchivedMessageEntity, { corpId, msgid });
      if (!anchor) return [];
      // msgid breaks ties between messages of the same millisecond, so the order is total.
      const side = (comparison: '<' | '>', order: 'ASC' | 'DESC') =>
        manager
          .createQueryBuilder(ArchivedMessageEntity, 'm')
          .where('m.corpId = :corpId AND m.conversationId = :conversationId', { corpId, conversationId: anchor.conversationId })
          .andWhere(`(m.msgtime ${comparison} :msgtime OR (m.msgtime = :msgtime AND m.msgid ${comparison} :msgid))`, { msgtime: anchor.msgtime, msgid })
          .orderBy('m.msgtime', order)
          .addOrderBy('m.msgid', order)
          .take(count)
          .getMany();
      const before = await side('<', 'DESC');
      const after = await side('>', 'ASC');
      return [...before.reverse(), anchor, ...after].map(recordOf);
    });
  }

  count(corpId?: string): Promise<number> {
    return this.db.run((manager) => manager.countBy(ArchivedMessageEntity, corpId === undefined ? {} : { corpId }));
  }

  async listBetween(corpId: string, fromMs: number, toMs: number): Promise<ArchivedMessageRecord[]> {
    const entities = await this.db.run((manager) =>
      manager.find(ArchivedMessageEntity, {
        where: { corpId, msgtime: Between(fromMs, toMs - 1) },
        order: { msgtime: 'ASC', msgid: 'ASC' },
      }),
    );
    return entities.map(recordOf);
  }

  countBetween(corpId: string, fromMs: number, toMs: number): Promise<number> {
    return this.db.run((manager) => manager.countBy(ArchivedMessageEntity, { corpId, msgtime: Between(fromMs, toMs - 1) }));
  }

  async corpsBetween(fromMs: number, toMs: number): Promise<string[]> {
    const rows = await this.db.run((manager) =>
      manager
        .createQueryBuilder(ArchivedMessageEntity, 'm')
        .select('DISTINCT m.corpId', 'corpId')
        .where({ msgtime: MoreThanOrEqual(fromMs) })
        .andWhere({ msgtime: LessThan(toMs) })
        .orderBy('"corpId"')
        .getRawMany<{ corpId: string }>(),
    );
    return rows.map((row) => row.corpId);
  }
}
