import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Alerts get reviewed: an optimistic-lock version, an assignee, a resolution, and who did what. */
export class AlertReviewWorkflow1767500000000 implements MigrationInterface {
  name = 'AlertReviewWorkflow1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('alerts', [
      new TableColumn({ name: 'version', type: 'integer', default: 1 }),
      new TableColumn({ name: 'assignee', type: 'varchar', isNullable: true }),
      new TableColumn({ name: 'resolution', type: 'varchar', isNullable: true }),
      new TableColumn({ name: 'updated_at', type: 'bigint', default: 0 }),
    ]);
    await queryRunner.query('UPDATE "alerts" SET "updated_at" = "created_at"');
    await queryRunner.createIndex('alerts', new TableIndex({ name: 'idx_alerts_severity_status_created_at', columnNames: ['severity', 'status', 'created_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'alert_transitions',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'alert_id', type: 'varchar' },
          { name: 'from_status', type: 'varchar' },
          { name: 'to_status', type: 'varchar' },
          { name: 'actor', type: 'varchar' },
          { name: 'reason', type: 'text' },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('alert_transitions', new TableIndex({ name: 'idx_alert_transitions_alert_at', columnNames: ['alert_id', 'at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'alert_comments',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'alert_id', type: 'varchar' },
          { name: 'author', type: 'varchar' },
          { name: 'body', type: 'text' },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('alert_comments', new TableIndex({ name: 'idx_alert_comments_alert_at', columnNames: ['alert_id', 'at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('alert_comments');
    await queryRunner.dropTable('alert_transitions');
    await queryRunner.dropIndex('alerts', 'idx_alerts_severity_status_created_at');
    for (const column of ['updated_at', 'resolution', 'assignee', 'version']) await queryRunner.dropColumn('alerts', column);
  }
}
