import type { EntityManager } from 'typeorm';
import { chunksOf } from '@chatvault/platform';
import { mediaFileKey, type MediaStore, type MessageMediaRecord } from './archive-store';
import { MAX_BOUND_PARAMETERS } from './bound-parameters';
import type { DatabaseAccess } from './database-access';
import { MessageMediaEntity } from './entities/message-media.entity';

const COLUMNS = ['corp_id', 'msgid', 'media_index', 'sdkfileid', 'state', 'sha256', 'size', 'md5', 'content_type', 'error', 'updated_at'] as const;
const KEY = new Set<string>(['corp_id', 'msgid', 'media_index']);
const ROWS_PER_UPSERT = Math.floor(MAX_BOUND_PARAMETERS / COLUMNS.length);

/** A stored file stays stored: the rule the upsert's WHERE applies, for outcomes that meet first in one call. */
function keeps(recorded: MessageMediaRecord, next: MessageMediaRecord): boolean {
  return recorded.state === 'stored' && next.state !== 'stored';
}

function valuesOf(r: MessageMediaRecord): unknown[] {
  return [r.corpId, r.msgid, r.index, r.sdkfileid, r.state, r.sha256, r.size, r.md5, r.contentType, r.error, r.updatedAt];
}

export class TypeormMediaStore implements MediaStore {
  constructor(private readonly db: DatabaseAccess) {}

  async save(records: readonly MessageMediaRecord[]): Promise<MessageMediaRecord[]> {
    // One row may be changed once per statement (PostgreSQL refuses a second change in one upsert).
    const outcomes = new Map<string, MessageMediaRecord>();
    for (const record of records) {
      const key = mediaFileKey(record.corpId, record.msgid, record.index);
      const earlier = outcomes.get(key);
      if (!earlier || !keeps(earlier, record)) outcomes.set(key, record);
    }
    const updates = COLUMNS.filter((c) => !KEY.has(c)).map((c) => `"${c}" = excluded."${c}"`);
    const written = new Set<string>();
    const upsertAll = async (manager: EntityManager): Promise<void> => {
      for (const chunk of chunksOf([...outcomes.values()], ROWS_PER_UPSERT)) {
        const rows: { corp_id: string; msgid: string; media_index: number }[] = await manager.query(
          `${this.db.insertInto('message_media', COLUMNS, chunk.length)} ON CONFLICT ("corp_id", "msgid", "media_index") DO UPDATE SET ${updates.join(', ')} ` +
            `WHERE "message_media"."state" <> 'stored' OR excluded."state" = 'stored' RETURNING "corp_id", "msgid", "media_index"`,
          chunk.flatMap(valuesOf),
        );
        for (const row of rows) written.add(mediaFileKey(row.corp_id, row.msgid, Number(row.media_index)));
      }
    };
    if (outcomes.size > ROWS_PER_UPSERT) await this.db.transaction(upsertAll);
    else if (outcomes.size > 0) await this.db.run(upsertAll);
    // What the upsert left alone is a file stored before: read back, so the caller sees that instead.
    const kept = new Map<string, MessageMediaRecord>();
    for (const [key, record] of outcomes) {
      if (written.has(key) || kept.has(key)) continue;
      const stored = await this.find(record.corpId, record.msgid, record.index);
      if (!stored) throw new Error(`media ${record.msgid}#${record.index} of ${record.corpId} vanished right after it was saved`);
      kept.set(key, stored);
    }
    return records.map((r) => {
      const key = mediaFileKey(r.corpId, r.msgid, r.index);
      return kept.get(key) ?? outcomes.get(key)!;
    });
  }

  async find(corpId: string, msgid: string, index: number): Promise<MessageMediaRecord | null> {
    const row = await this.db.run((manager) => manager.findOneBy(MessageMediaEntity, { corpId, msgid, index }));
    return row ? { ...row } : null;
  }

  async list(corpId: string, msgids: readonly string[]): Promise<MessageMediaRecord[]> {
    if (msgids.length === 0) return [];
    const rows = await this.db.run((manager) =>
      manager
        .createQueryBuilder(MessageMediaEntity, 'm')
        .where(`m.corpId = :corpId AND ${this.db.isAnyOf('m.msgid', ':msgids')}`, { corpId, msgids: this.db.listValue([...new Set(msgids)]) })
        .orderBy('m.msgid', 'ASC')
        .addOrderBy('m.index', 'ASC')
        .getMany(),
    );
    return rows.map((row) => ({ ...row }));
  }
}
