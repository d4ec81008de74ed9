import { Between, In, type FindOptionsWhere } from 'typeorm';
import type { CaptureProblemKind } from '@chatvault/contracts';
import type { CaptureLedger, CaptureProblemQuery, CaptureProblemRecord, Page, ReceivedCounts } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { CaptureDuplicatesEntity, CaptureProblemEntity } from './entities/capture.entity';
import { ArchivedMessageEntity } from './entities/archived-message.entity';
import { businessDayRange } from './tamper/business-day';
import { ArchiveEnvelopeEntity } from './entities/archive-envelope.entity';

export class TypeormCaptureLedger implements CaptureLedger {
  constructor(private readonly db: DatabaseAccess) {}

  async recordProblem(problem: CaptureProblemRecord): Promise<boolean> {
    const columns = ['event_id', 'corp_id', 'kind', 'detail', 'seq_from', 'seq_to', 'msgid', 'count', 'occurred_at'];
    const values = [problem.eventId, problem.corpId, problem.kind, problem.detail, problem.seqFrom, problem.seqTo, problem.msgid, problem.count, problem.occurredAt];
    const rows: unknown[] = await this.db.run((manager) =>
      manager.query(
        `${this.db.insertInto('capture_problems', columns)} ON CONFLICT ("event_id") DO NOTHING RETURNING "event_id"`,
        values,
      ),
    );
    return rows.length === 1;
  }

  async problems(query: CaptureProblemQuery): Promise<Page<CaptureProblemRecord>> {
    const where: FindOptionsWhere<CaptureProblemEntity> = {};
    if (query.corpId !== undefined) where.corpId = query.corpId;
    if (query.within !== undefined) {
      const wholeCorps = query.within.filter(({ corpId, userids }) => userids === undefined && (query.corpId === undefined || corpId === query.corpId));
      if (wholeCorps.length === 0) return { total: 0, items: [] };
      // A key names at most a thousand corps, so unlike userids they may take a parameter each.
      where.corpId = In(wholeCorps.map(({ corpId }) => corpId));
    }
    if (query.kind !== undefined) where.kind = query.kind;
    const [items, total] = await this.db.run((manager) =>
      manager.findAndCount(CaptureProblemEntity, { where, order: { occurredAt: 'DESC', eventId: 'DESC' }, skip: query.offset, take: query.limit }),
    );
    return { total, items: items.map((e) => ({ ...e })) };
  }

  async problemTotals(corpId: string, fromMs: number, toMs: number): Promise<Partial<Record<CaptureProblemKind, number>>> {
    const rows: { kind: CaptureProblemKind; total: number | string }[] = await this.db.run((manager) =>
      manager
        .createQueryBuilder(CaptureProblemEntity, 'p')
        .select('p.kind', 'kind')
        .addSelect('SUM(p.count)', 'total')
        .where({ corpId, occurredAt: Between(fromMs, toMs - 1) })
        .groupBy('p.kind')
        .getRawMany(),
    );
    return Object.fromEntries(rows.map((row) => [row.kind, Number(row.total)]));
  }

  async addDuplicates(corpId: string, day: string, source: string, count: number): Promise<void> {
    await this.db.run((manager) =>
      manager.query(
        `${this.db.insertInto('capture_duplicates', ['corp_id', 'day', 'source', 'count'])} ` +
          'ON CONFLICT ("corp_id", "day", "source") DO UPDATE SET "count" = "capture_duplicates"."count" + excluded."count"',
        [corpId, day, source, count],
      ),
    );
  }

  /** Archived counts come from the archive itself, so they are exact whatever crashed between steps. */
  async received(corpId: string, day: string): Promise<ReceivedCounts[]> {
    const { fromMs, toMs } = businessDayRange(day);
    const [archivedRows, duplicateRows] = await this.db.run(async (manager) => [
      await manager
        .createQueryBuilder(ArchivedMessageEntity, 'm')
        .select('m.source', 'source')
        .addSelect('COUNT(*)', 'total')
        .where({ corpId, archivedAt: Between(fromMs, toMs - 1) })
        .groupBy('m.source')
        .getRawMany<{ source: string; total: number | string }>(),
      await manager.find(CaptureDuplicatesEntity, { where: { corpId, day } }),
    ]);
    const bySource = new Map<string, ReceivedCounts>();
    const countsOf = (source: string) => bySource.get(source) ?? bySource.set(source, { source, archived: 0, duplicate: 0 }).get(source)!;
    for (const row of archivedRows) countsOf(row.source).archived = Number(row.total);
    for (const row of duplicateRows) countsOf(row.source).duplicate = row.count;
    return [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source));
  }

  async corpsActiveOn(day: string): Promise<string[]> {
    const { fromMs, toMs } = businessDayRange(day);
    const corps = await this.db.run(async (manager) => {
      const archived = await manager
        .createQueryBuilder(ArchivedMessageEntity, 'm')
        .select('DISTINCT m.corpId', 'corpId')
        .where({ archivedAt: Between(fromMs, toMs - 1) })
        .getRawMany<{ corpId: string }>();
      const duplicates = await manager.createQueryBuilder(CaptureDuplicatesEntity, 'd').select('DISTINCT d.corpId', 'corpId').where({ day }).getRawMany<{ corpId: string }>();
      const stored = await manager
        .createQueryBuilder(ArchiveEnvelopeEntity, 'e')
        .select('DISTINCT e.corpId', 'corpId')
        .where({ storedAt: Between(fromMs, toMs - 1) })
        .getRawMany<{ corpId: string }>();
      const problems = await manager
        .createQueryBuilder(CaptureProblemEntity, 'p')
        .select('DISTINCT p.corpId', 'corpId')
        .where({ occurredAt: Between(fromMs, toMs - 1) })
        .getRawMany<{ corpId: string }>();
      return [...archived, ...duplicates, ...stored, ...problems].map((row) => row.corpId);
    });
    return [...new Set(corps)].sort();
  }
}
