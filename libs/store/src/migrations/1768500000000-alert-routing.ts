import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Channels and routes that compliance staff configure, a record of every notification, and employees' mailboxes. */
export class AlertRouting1768500000000 implements MigrationInterface {
  name = 'AlertRouting1768500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('directory_employees', new TableColumn({ name: 'email', type: 'varchar', default: "''" }));
    const versioned = [
      { name: 'version', type: 'integer' },
      { name: 'updated_at', type: 'bigint' },
      { name: 'updated_by', type: 'varchar' },
    ];
    await queryRunner.createTable(
      new Table({
        name: 'alert_channels',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'name', type: 'varchar' },
          { name: 'kind', type: 'varchar' },
          { name: 'enabled', type: 'boolean' },
          { name: 'min_severity', type: 'varchar' },
          { name: 'throttle_limit', type: 'integer', isNullable: true },
          { name: 'settings', type: 'text' },
          ...versioned,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_routes',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'corp_id', type: 'varchar' },
          { name: 'name', type: 'varchar' },
          { name: 'enabled', type: 'boolean' },
          { name: 'match', type: 'text' },
          { name: 'recipients', type: 'text' },
          ...versioned,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_deliveries',
        columns: [
          { name: 'delivery_id', type: 'varchar', isPrimary: true },
          { name: 'alert_id', type: 'varchar', isNullable: true },
          { name: 'corp_id', type: 'varchar' },
          { name: 'channel_id', type: 'varchar' },
          { name: 'recipient', type: 'varchar' },
          { name: 'kind', type: 'varchar' },
          { name: 'severity', type: 'varchar' },
          { name: 'category', type: 'varchar' },
          { name: 'employee_id', type: 'varchar' },
          { name: 'status', type: 'varchar' },
          { name: 'attempts', type: 'integer' },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'covered_by', type: 'varchar', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('alert_deliveries', new TableIndex({ name: 'idx_alert_deliveries_alert', columnNames: ['alert_id'] }));
    await queryRunner.createIndex('alert_deliveries', new TableIndex({ name: 'idx_alert_deliveries_status_created', columnNames: ['status', 'created_at'] }));
    await queryRunner.createIndex('alert_deliveries', new TableIndex({ name: 'idx_alert_deliveries_created', columnNames: ['created_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['alert_deliveries', 'alert_routes', 'alert_channels']) await queryRunner.dropTable(table);
    await queryRunner.dropColumn('directory_employees', 'email');
  }
}
