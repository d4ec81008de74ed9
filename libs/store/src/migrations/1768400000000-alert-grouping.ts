import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Hits of one employee, rule and conversation within a window share an alert: alerts get a group key,
 * a hit count and their hits. Each existing alert becomes a group of its one hit.
 */
export class AlertGrouping1768400000000 implements MigrationInterface {
  name = 'AlertGrouping1768400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('alerts', [
      new TableColumn({ name: 'group_key', type: 'varchar', default: "''" }),
      new TableColumn({ name: 'hit_count', type: 'integer', default: 1 }),
      new TableColumn({ name: 'last_hit_at', type: 'bigint', default: 0 }),
      new TableColumn({ name: 'worst_hit_severity', type: 'varchar', default: "'info'" }),
    ]);
    await queryRunner.query('UPDATE "alerts" SET "group_key" = "dedup_key", "last_hit_at" = "created_at", "worst_hit_severity" = "severity"');
    await queryRunner.createIndex('alerts', new TableIndex({ name: 'idx_alerts_group_last_hit', columnNames: ['group_key', 'last_hit_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'alert_hits',
        columns: [
          { name: 'hit_id', type: 'varchar', isPrimary: true },
          { name: 'alert_id', type: 'varchar' },
          { name: 'msgid', type: 'varchar' },
          { name: 'severity', type: 'varchar' },
          { name: 'excerpt', type: 'text' },
          { name: 'policy_version', type: 'integer' },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('alert_hits', new TableIndex({ name: 'idx_alert_hits_alert_at', columnNames: ['alert_id', 'at'] }));
    // The message of an older alert stays in its msgids; its one hit is recorded without it.
    await queryRunner.query(
      'INSERT INTO "alert_hits" ("hit_id", "alert_id", "msgid", "severity", "excerpt", "policy_version", "at") ' +
        `SELECT "dedup_key", "alert_id", '', "severity", "excerpt", "policy_version", "created_at" FROM "alerts"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('alert_hits');
    await queryRunner.dropIndex('alerts', 'idx_alerts_group_last_hit');
    for (const column of ['worst_hit_severity', 'last_hit_at', 'hit_count', 'group_key']) await queryRunner.dropColumn('alerts', column);
  }
}
