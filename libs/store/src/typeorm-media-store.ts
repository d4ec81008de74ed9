import type { MediaStore, MessageMediaRecord } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { MessageMediaEntity } from './entities/message-media.entity';

const COLUMNS = ['corp_id', 'msgid', 'media_index', 'sdkfileid', 'state', 'sha256', 'size', 'md5', 'content_type', 'error', 'updated_at'] as const;
const KEY = new Set<string>(['corp_id', 'msgid', 'media_index']);

export class TypeormMediaStore implements MediaStore {
  constructor(private readonly db: DatabaseAccess) {}

  async save(record: MessageMediaRecord): Promise<MessageMediaRecord> {
    const values = [record.corpId, record.msgid, record.index, record.sdkfileid, record.state, record.sha256, record.size, record.md5, record.contentType, record.error, record.updatedAt];
    const updates = COLUMNS.filter((c) => !KEY.has(c)).map((c) => `"${c}" = excluded."${c}"`);
    await this.db.run((manager) =>
      manager.query(
        `${this.db.insertInto('message_media', COLUMNS)} ON CONFLICT ("corp_id", "msgid", "media_index") DO UPDATE SET ${updates.join(', ')} ` +
          `WHERE "message_media"."state" <> 'stored' OR excluded."state" = 'stored'`,
        values,
      ),
    );
    const saved = await this.find(record.corpId, record.msgid, record.index);
    if (!saved) throw new Error(`media ${record.msgid}#${record.index} of ${record.corpId} vanished right after it was saved`);
    return saved;
  }

  async find(corpId: string, msgid: string, index: number): Promise<MessageMediaRecord | null> {
    const row = await this.db.run((manager) => manager.findOneBy(MessageMediaEntity, { corpId, msgid, index }));
    return row ? { ...row } : null;
  }

  async list(corpId: string, msgid: string): Promise<MessageMediaRecord[]> {
    const rows = await this.db.run((manager) => manager.find(MessageMediaEntity, { where: { corpId, msgid }, order: { index: 'ASC' } }));
    return rows.map((row) => ({ ...row }));
  }
}
