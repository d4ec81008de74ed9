import { randomUUID } from 'node:crypto';
import { In, LessThan } from 'typeorm';
import type { AlertResolution, AlertStatus, Severity } from '@chatvault/contracts';
import type {
  AlertChange,
  AlertCommentRecord,
  AlertRecord,
  AlertStore,
  AlertTransitionRecord,
  Page,
  ReviewedAlert,
} from './archive-store';
import type { DatabaseAccess } from './database-access';
import { AlertCommentEntity } from './entities/alert-comment.entity';
import { AlertEntity } from './entities/alert.entity';
import { AlertTransitionEntity } from './entities/alert-transition.entity';
import { StoreError } from './store-error';

const COLUMNS = [
  'alert_id',
  'dedup_key',
  'corp_id',
  'employee_id',
  'conversation_id',
  'rule_id',
  'category',
  'severity',
  'msgids',
  'excerpt',
  'policy_id',
  'policy_version',
  'status',
  'created_at',
  'updated_at',
] as const;

function valuesOf(a: AlertRecord): unknown[] {
  return [
    a.alertId,
    a.dedupKey,
    a.corpId,
    a.employeeId,
    a.conversationId,
    a.ruleId,
    a.category,
    a.severity,
    JSON.stringify(a.msgids),
    a.excerpt,
    a.policyId,
    a.policyVersion,
    a.status,
    a.createdAt,
    a.createdAt,
  ];
}

function recordOf(e: AlertEntity): ReviewedAlert {
  return {
    alertId: e.alertId,
    dedupKey: e.dedupKey,
    corpId: e.corpId,
    employeeId: e.employeeId,
    conversationId: e.conversationId,
    ruleId: e.ruleId,
    category: e.category,
    severity: e.severity,
    msgids: e.msgids,
    excerpt: e.excerpt,
    policyId: e.policyId,
    policyVersion: e.policyVersion,
    // Only this store writes these columns, from the workflow's own types.
    status: e.status as AlertStatus,
    createdAt: e.createdAt,
    version: e.version,
    assignee: e.assignee,
    resolution: e.resolution as AlertResolution | null,
    updatedAt: e.updatedAt,
  };
}

function transitionOf(e: AlertTransitionEntity): AlertTransitionRecord {
  return { id: e.id, alertId: e.alertId, from: e.from as AlertStatus, to: e.to as AlertStatus, actor: e.actor, reason: e.reason, at: e.at };
}

function notFound(alertId: string): StoreError {
  return new StoreError('alert_not_found', `no alert has the id ${alertId}`);
}

export class TypeormAlertStore implements AlertStore {
  constructor(private readonly db: DatabaseAccess) {}

  async insertIfAbsent(alert: AlertRecord): Promise<boolean> {
    const placeholders = COLUMNS.map((_, i) => this.db.placeholder(i)).join(', ');
    const sql =
      `INSERT INTO "alerts" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders}) ` +
      'ON CONFLICT ("dedup_key") DO NOTHING RETURNING "alert_id"';
    const rows: unknown[] = await this.db.run((manager) => manager.query(sql, valuesOf(alert)));
    return rows.length === 1;
  }

  async list(query: { corpId?: string; offset: number; limit: number }): Promise<Page<ReviewedAlert>> {
    const [entities, total] = await this.db.run((manager) =>
      manager.findAndCount(AlertEntity, {
        where: query.corpId === undefined ? {} : { corpId: query.corpId },
        // alert_id breaks ties so pages never overlap or skip alerts raised in the same millisecond.
        order: { createdAt: 'DESC', alertId: 'DESC' },
        skip: query.offset,
        take: query.limit,
      }),
    );
    return { total, items: entities.map(recordOf) };
  }

  count(corpId?: string): Promise<number> {
    return this.db.run((manager) => manager.countBy(AlertEntity, corpId === undefined ? {} : { corpId }));
  }

  async find(alertId: string): Promise<ReviewedAlert | null> {
    const entity = await this.db.run((manager) => manager.findOneBy(AlertEntity, { alertId }));
    return entity ? recordOf(entity) : null;
  }

  transition(alertId: string, expectedVersion: number, change: AlertChange): Promise<ReviewedAlert> {
    return this.db.transaction(async (manager) => {
      // Writing first, the history row copied from the alert at the expected version: a SQLite transaction
      // that read before writing could not wait for another writer's lock and would fail with SQLITE_BUSY.
      const p = (i: number) => this.db.placeholder(i);
      const recorded: unknown[] = await manager.query(
        'INSERT INTO "alert_transitions" ("id", "alert_id", "from_status", "to_status", "actor", "reason", "at") ' +
          `SELECT ${p(0)}, "alert_id", "status", ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)} FROM "alerts" WHERE "alert_id" = ${p(5)} AND "version" = ${p(6)} ` +
          'RETURNING "id"',
        [randomUUID(), change.to, change.actor, change.reason, change.at, alertId, expectedVersion],
      );
      // The version condition lets the row lock decide on PostgreSQL: of two transactions that both saw
      // the expected version, the second one's UPDATE matches nothing once the first commits.
      const updated =
        recorded.length === 1
          ? await manager
              .createQueryBuilder()
              .update(AlertEntity)
              .set({
                status: change.to,
                version: expectedVersion + 1,
                updatedAt: change.at,
                ...(change.assignee === undefined ? {} : { assignee: change.assignee }),
                ...(change.resolution === undefined ? {} : { resolution: change.resolution }),
              })
              .where('alert_id = :alertId AND version = :expectedVersion', { alertId, expectedVersion })
              .execute()
          : { affected: 0 };
      const current = await manager.findOneBy(AlertEntity, { alertId });
      if (!current) throw notFound(alertId);
      if (updated.affected !== 1) {
        throw new StoreError(
          'stale_version',
          `alert ${alertId} is at version ${current.version}, not ${expectedVersion}: someone changed it meanwhile; reload it and try again`,
        );
      }
      return recordOf(current);
    });
  }

  async transitions(alertId: string): Promise<AlertTransitionRecord[]> {
    const entities = await this.db.run((manager) => manager.find(AlertTransitionEntity, { where: { alertId }, order: { at: 'ASC', id: 'ASC' } }));
    return entities.map(transitionOf);
  }

  addComment(comment: AlertCommentRecord): Promise<void> {
    return this.db.transaction(async (manager) => {
      if (!(await manager.existsBy(AlertEntity, { alertId: comment.alertId }))) throw notFound(comment.alertId);
      await manager.insert(AlertCommentEntity, comment);
    });
  }

  async comments(alertId: string): Promise<AlertCommentRecord[]> {
    const entities = await this.db.run((manager) => manager.find(AlertCommentEntity, { where: { alertId }, order: { at: 'ASC', id: 'ASC' } }));
    return entities.map((e) => ({ id: e.id, alertId: e.alertId, author: e.author, body: e.body, at: e.at }));
  }

  async raisedBefore(query: { severity: Severity; statuses: readonly AlertStatus[]; createdBefore: number; limit: number }): Promise<ReviewedAlert[]> {
    const entities = await this.db.run((manager) =>
      manager.find(AlertEntity, {
        where: { severity: query.severity, status: In([...query.statuses]), createdAt: LessThan(query.createdBefore) },
        order: { createdAt: 'ASC', alertId: 'ASC' },
        take: query.limit,
      }),
    );
    return entities.map(recordOf);
  }
}
