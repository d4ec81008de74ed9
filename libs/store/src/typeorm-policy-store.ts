import type { PolicyStore, PolicyVersionRecord } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { PolicyVersionEntity } from './entities/policy-version.entity';

function recordOf(e: PolicyVersionEntity): PolicyVersionRecord {
  return { policyId: e.policyId, version: e.version, enabled: e.enabled, document: e.document, savedBy: e.savedBy, savedAt: e.savedAt };
}

export class TypeormPolicyStore implements PolicyStore {
  constructor(private readonly db: DatabaseAccess) {}

  async current(): Promise<PolicyVersionRecord[]> {
    const rows = await this.db.run((manager) =>
      manager
        .createQueryBuilder(PolicyVersionEntity, 'p')
        .where('p.version = (SELECT MAX(q.version) FROM policy_versions q WHERE q.policy_id = p.policy_id)')
        .orderBy('p.policyId')
        .getMany(),
    );
    return rows.map(recordOf);
  }

  async history(policyId: string): Promise<PolicyVersionRecord[]> {
    const rows = await this.db.run((manager) => manager.find(PolicyVersionEntity, { where: { policyId }, order: { version: 'DESC' } }));
    return rows.map(recordOf);
  }

  /**
   * Two editors who both read version n race to insert n + 1: the primary key lets exactly one
   * of them in, and the other is told it lost rather than overwriting.
   */
  saveVersion(record: PolicyVersionRecord): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const newest = await manager.maximum(PolicyVersionEntity, 'version', { policyId: record.policyId });
      if (record.version !== (newest ?? 0) + 1) return false;
      const rows: unknown[] = await manager.query(
        `${this.db.insertInto('policy_versions', ['policy_id', 'version', 'enabled', 'document', 'saved_by', 'saved_at'])} ` +
          'ON CONFLICT ("policy_id", "version") DO NOTHING RETURNING "version"',
        // better-sqlite3 binds no booleans; PostgreSQL reads 1 and 0 as true and false.
        [record.policyId, record.version, record.enabled ? 1 : 0, record.document, record.savedBy, record.savedAt],
      );
      return rows.length === 1;
    });
  }
}
