import type { AuditEntry, AuditLog, Page } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { AuditEntryEntity } from './entities/audit-entry.entity';

export class TypeormAuditLog implements AuditLog {
  constructor(private readonly db: DatabaseAccess) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.run((manager) => manager.insert(AuditEntryEntity, { ...entry }));
  }

  async list(query: { offset: number; limit: number }): Promise<Page<AuditEntry>> {
    const [entities, total] = await this.db.run((manager) =>
      manager.findAndCount(AuditEntryEntity, { order: { at: 'DESC', id: 'DESC' }, skip: query.offset, take: query.limit }),
    );
    const items = entities.map((e) => ({
      id: e.id,
      actorKeyId: e.actorKeyId,
      actorName: e.actorName,
      action: e.action,
      details: e.details,
      sourceIp: e.sourceIp,
      at: e.at,
    }));
    return { total, items };
  }
}
