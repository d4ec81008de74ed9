import type { AlertRecord, AlertStore, Page } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { AlertEntity } from './entities/alert.entity';

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
  ];
}

function recordOf(e: AlertEntity): AlertRecord {
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
    status: e.status,
    createdAt: e.createdAt,
  };
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

  async list(query: { corpId?: string; offset: number; limit: number }): Promise<Page<AlertRecord>> {
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
}
