import { randomUUID } from 'node:crypto';
import { Brackets, In, LessThan, type EntityManager } from 'typeorm';
import type { AlertResolution, AlertStatus, ReadScope, Severity } from '@chatvault/contracts';
import type {
  AlertChange,
  AlertCommentRecord,
  AlertHitRecord,
  AlertListQuery,
  AlertRecord,
  FiledHit,
  HitToFile,
  AlertStore,
  AlertTransitionRecord,
  Page,
  ReviewedAlert,
} from './archive-store';
import { columnList, type DatabaseAccess } from './database-access';
import { AlertCommentEntity } from './entities/alert-comment.entity';
import { AlertEntity } from './entities/alert.entity';
import { AlertHitEntity } from './entities/alert-hit.entity';
import { AlertTransitionEntity } from './entities/alert-transition.entity';
import { returnedEntities } from './returned-entities';
import { StoreError } from './store-error';

/** An alert of a long burst keeps its first messages; every hit, with its message, is in alert_hits. */
export const ALERT_MSGIDS_KEPT = 50;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

const COLUMNS = [
  'alert_id',
  'dedup_key',
  'group_key',
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
  'last_hit_at',
  'worst_hit_severity',
] as const;

const HIT_COLUMNS = ['hit_id', 'alert_id', 'msgid', 'severity', 'excerpt', 'policy_version', 'at'] as const;

/** The group's alert that takes new hits, if any; binds the group key and the window's start. */
const openAlertSql = (db: DatabaseAccess) =>
  `SELECT * FROM "alerts" WHERE "group_key" = ${db.placeholder(0)} AND "last_hit_at" >= ${db.placeholder(1)} AND "status" <> 'resolved' ORDER BY "last_hit_at" DESC LIMIT 1`;

const claimHitSql = (rows: string) => `INSERT INTO "alert_hits" (${columnList(HIT_COLUMNS)}) ${rows} ON CONFLICT ("hit_id") DO NOTHING RETURNING "hit_id"`;

/** Binds the joined alert's values (see joinedValues) and its id, from the 0-based index `first` on. */
const joinAlertSql = (db: DatabaseAccess, first: number) => {
  const p = (i: number) => db.placeholder(first + i);
  return `UPDATE "alerts" SET "hit_count" = ${p(0)}, "last_hit_at" = ${p(1)}, "worst_hit_severity" = ${p(2)}, "severity" = ${p(3)}, "msgids" = ${p(4)} WHERE "alert_id" = ${p(5)}`;
};

/** Filing a hit on PostgreSQL: a statement to open or find the open alert, and one to join it. */
function postgresFilingSql(db: DatabaseAccess): { openOrFindOpen: string; claimAndJoin: string } {
  return {
    // The group's open alert, or when there is none, the alert the hit opens, the hit claimed with it
    // unless it was claimed before. `just_opened` tells them apart.
    openOrFindOpen:
      `WITH "open" AS (${openAlertSql(db)}), ` +
      `"claimed" AS (${claimHitSql(`SELECT ${db.placeholders(HIT_COLUMNS.length, 2)} WHERE NOT EXISTS (SELECT 1 FROM "open")`)}), ` +
      `"opened" AS (INSERT INTO "alerts" (${columnList(COLUMNS)}) SELECT ${db.placeholders(COLUMNS.length, 2 + HIT_COLUMNS.length)} FROM "claimed" RETURNING *) ` +
      `SELECT true AS "just_opened", * FROM "opened" UNION ALL SELECT false, * FROM "open"`,
    // Claims the hit for the open alert and counts it there, unless it was claimed before.
    claimAndJoin:
      `WITH "claimed" AS (${claimHitSql(`VALUES (${db.placeholders(HIT_COLUMNS.length)})`)}) ` +
      `${joinAlertSql(db, HIT_COLUMNS.length)} AND EXISTS (SELECT 1 FROM "claimed") RETURNING *`,
  };
}

function hitValuesOf(alertId: string, hit: HitToFile['hit']): unknown[] {
  return [hit.hitId, alertId, hit.msgid, hit.severity, hit.excerpt, hit.policyVersion, hit.at];
}

/** The open alert's hit count, last hit, worst hit, severity and msgids once it holds the hit, and its id. */
function joinedValues(open: AlertEntity, { hit, severityOf }: HitToFile): unknown[] {
  const hitCount = open.hitCount + 1;
  const worst = SEVERITY_RANK[hit.severity] > SEVERITY_RANK[open.worstHitSeverity] ? hit.severity : open.worstHitSeverity;
  const msgids = hit.msgid && !open.msgids.includes(hit.msgid) && open.msgids.length < ALERT_MSGIDS_KEPT ? [...open.msgids, hit.msgid] : open.msgids;
  return [hitCount, Math.max(open.lastHitAt, hit.at), worst, severityOf(hitCount, worst), JSON.stringify(msgids), open.alertId];
}

function valuesOf(a: AlertRecord, worst: Severity): unknown[] {
  return [
    a.alertId,
    a.dedupKey,
    a.groupKey,
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
    a.createdAt,
    worst,
  ];
}

function recordOf(e: AlertEntity): ReviewedAlert {
  return {
    alertId: e.alertId,
    dedupKey: e.dedupKey,
    groupKey: e.groupKey,
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
    hitCount: e.hitCount,
    lastHitAt: e.lastHitAt,
  };
}

function hitOf(e: AlertHitEntity): AlertHitRecord {
  return { hitId: e.hitId, alertId: e.alertId, msgid: e.msgid, severity: e.severity, excerpt: e.excerpt, policyVersion: e.policyVersion, at: e.at };
}

function transitionOf(e: AlertTransitionEntity): AlertTransitionRecord {
  return { id: e.id, alertId: e.alertId, from: e.from as AlertStatus, to: e.to as AlertStatus, actor: e.actor, reason: e.reason, at: e.at };
}

function notFound(alertId: string): StoreError {
  return new StoreError('alert_not_found', `no alert has the id ${alertId}`);
}

export class TypeormAlertStore implements AlertStore {
  private postgresSql?: ReturnType<typeof postgresFilingSql>;

  constructor(private readonly db: DatabaseAccess) {}

  /**
   * Under the group's lock: two hits of one group, filed at once by two consumers, must not open two
   * alerts, and no row exists yet to lock. On PostgreSQL, outside a transaction, opening an alert is
   * one statement and joining one two: each statement is atomic, and a transaction's BEGIN and COMMIT
   * would be two more round trips before the first notification. SQLite has no round trips to save.
   */
  fileHit(toFile: HitToFile): Promise<FiledHit> {
    return this.db.underLock(toFile.alert.groupKey, (manager) =>
      this.db.isPostgres ? this.fileOnPostgres(manager, toFile) : manager.transaction((transaction) => this.fileInTransaction(transaction, toFile)),
    );
  }

  private async fileOnPostgres(manager: EntityManager, toFile: HitToFile): Promise<FiledHit> {
    const { alert, hit, openSince } = toFile;
    const sql = (this.postgresSql ??= postgresFilingSql(this.db));
    const rows: { just_opened: boolean }[] = await manager.query(sql.openOrFindOpen, [alert.groupKey, openSince, ...hitValuesOf(alert.alertId, hit), ...valuesOf(alert, hit.severity)]);
    const [found] = returnedEntities(manager, AlertEntity, rows);
    if (found && rows[0]!.just_opened) return { outcome: 'opened', alert: recordOf(found) };
    if (found) {
      const [joined] = returnedEntities(manager, AlertEntity, await manager.query(sql.claimAndJoin, [...hitValuesOf(found.alertId, hit), ...joinedValues(found, toFile)]));
      if (joined) return { outcome: 'joined', alert: recordOf(joined) };
    }
    return this.duplicate(manager, hit.hitId);
  }

  private async fileInTransaction(manager: EntityManager, toFile: HitToFile): Promise<FiledHit> {
    const { alert, hit, openSince } = toFile;
    // Claiming the hit first, before any read: a SQLite transaction that read before writing could not
    // wait for another writer's lock and would fail with SQLITE_BUSY. It names the alert it would open;
    // joining an open alert names that one instead.
    const claimed: unknown[] = await manager.query(claimHitSql(`VALUES (${this.db.placeholders(HIT_COLUMNS.length)})`), hitValuesOf(alert.alertId, hit));
    if (claimed.length === 0) return this.duplicate(manager, hit.hitId);
    const [open] = returnedEntities(manager, AlertEntity, await manager.query(openAlertSql(this.db), [alert.groupKey, openSince]));
    if (!open) {
      const opened = await manager.query(`${this.db.insertInto('alerts', COLUMNS)} RETURNING *`, valuesOf(alert, hit.severity));
      return { outcome: 'opened', alert: recordOf(returnedEntities(manager, AlertEntity, opened)[0]!) };
    }
    const joined = await manager.query(`${joinAlertSql(this.db, 0)} RETURNING *`, joinedValues(open, toFile));
    await manager.update(AlertHitEntity, { hitId: hit.hitId }, { alertId: open.alertId });
    return { outcome: 'joined', alert: recordOf(returnedEntities(manager, AlertEntity, joined)[0]!) };
  }

  /** A hit filed before: its alert as it is now. */
  private async duplicate(manager: EntityManager, hitId: string): Promise<FiledHit> {
    const filed = await manager.findOneByOrFail(AlertHitEntity, { hitId });
    return { outcome: 'duplicate', alert: recordOf(await manager.findOneByOrFail(AlertEntity, { alertId: filed.alertId })) };
  }

  async hits(alertId: string): Promise<AlertHitRecord[]> {
    const entities = await this.db.run((manager) => manager.find(AlertHitEntity, { where: { alertId }, order: { at: 'ASC', hitId: 'ASC' } }));
    return entities.map(hitOf);
  }

  async list(query: AlertListQuery): Promise<Page<ReviewedAlert>> {
    const [entities, total] = await this.db.run((manager) => {
      const alerts = manager
        .createQueryBuilder(AlertEntity, 'a')
        // alert_id breaks ties so pages never overlap or skip alerts raised in the same millisecond.
        .orderBy('a.createdAt', 'DESC')
        .addOrderBy('a.alertId', 'DESC')
        .offset(query.offset)
        .limit(query.limit);
      if (query.corpId !== undefined) alerts.andWhere('a.corpId = :corpId', { corpId: query.corpId });
      if (query.within !== undefined) alerts.andWhere(this.inScope(query.within));
      return alerts.getManyAndCount();
    });
    return { total, items: entities.map(recordOf) };
  }

  /**
   * Alerts of the scope's corps about one of the corp's employees in scope. Each corp's userids are
   * bound as one value, an array or a JSON array, however many there are.
   */
  private inScope(within: ReadScope): Brackets | string {
    if (within.length === 0) return '1 = 0';
    const employeeIn = (name: string) => this.db.isAnyOf('a.employeeId', `:${name}`);
    return new Brackets((anyCorp) => {
      within.forEach(({ corpId, userids }, i) => {
        anyCorp.orWhere(
          new Brackets((corp) => {
            corp.where(`a.corpId = :scopeCorp${i}`, { [`scopeCorp${i}`]: corpId });
            if (userids !== undefined) corp.andWhere(employeeIn(`scopeUserids${i}`), { [`scopeUserids${i}`]: this.db.listValue(userids) });
          }),
        );
      });
    });
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
