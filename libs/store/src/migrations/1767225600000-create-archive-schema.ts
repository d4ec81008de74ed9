import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Written with the QueryRunner's portable API rather than SQL, so the one migration creates the same
 * schema on PostgreSQL and on SQLite.
 */
export class CreateArchiveSchema1767225600000 implements MigrationInterface {
  name = 'CreateArchiveSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'archived_messages',
        columns: [
          { name: 'corp_id', type: 'varchar', isPrimary: true },
          { name: 'msgid', type: 'varchar', isPrimary: true },
          { name: 'action', type: 'varchar' },
          { name: 'msgtype', type: 'varchar' },
          { name: 'from_id', type: 'varchar' },
          { name: 'from_kind', type: 'varchar' },
          { name: 'tolist', type: 'text' },
          { name: 'roomid', type: 'varchar' },
          { name: 'conversation_id', type: 'varchar' },
          { name: 'msgtime', type: 'bigint' },
          { name: 'text', type: 'text' },
          { name: 'raw_json', type: 'text' },
          { name: 'content_hash', type: 'varchar' },
          { name: 'source', type: 'varchar' },
          { name: 'archived_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'archived_messages',
      new TableIndex({ name: 'idx_archived_messages_corp_msgtime', columnNames: ['corp_id', 'msgtime'] }),
    );
    await queryRunner.createIndex(
      'archived_messages',
      new TableIndex({ name: 'idx_archived_messages_conversation_msgtime', columnNames: ['conversation_id', 'msgtime'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'alerts',
        columns: [
          { name: 'alert_id', type: 'varchar', isPrimary: true },
          { name: 'dedup_key', type: 'varchar' },
          { name: 'corp_id', type: 'varchar' },
          { name: 'employee_id', type: 'varchar' },
          { name: 'conversation_id', type: 'varchar' },
          { name: 'rule_id', type: 'varchar' },
          { name: 'category', type: 'varchar' },
          { name: 'severity', type: 'varchar' },
          { name: 'msgids', type: 'text' },
          { name: 'excerpt', type: 'text' },
          { name: 'policy_id', type: 'varchar' },
          { name: 'policy_version', type: 'integer' },
          { name: 'status', type: 'varchar' },
          { name: 'created_at', type: 'bigint' },
        ],
        uniques: [{ name: 'uq_alerts_dedup_key', columnNames: ['dedup_key'] }],
      }),
    );
    await queryRunner.createIndex('alerts', new TableIndex({ name: 'idx_alerts_corp_created_at', columnNames: ['corp_id', 'created_at'] }));
    await queryRunner.createIndex('alerts', new TableIndex({ name: 'idx_alerts_created_at', columnNames: ['created_at'] }));

    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'name', type: 'varchar' },
          { name: 'key_hash', type: 'varchar' },
          { name: 'role', type: 'varchar' },
          { name: 'created_at', type: 'bigint' },
        ],
        uniques: [{ name: 'uq_api_keys_key_hash', columnNames: ['key_hash'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'actor_key_id', type: 'varchar' },
          { name: 'actor_name', type: 'varchar' },
          { name: 'action', type: 'varchar' },
          { name: 'details', type: 'text' },
          { name: 'source_ip', type: 'varchar' },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_at', columnNames: ['at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'api_keys', 'alerts', 'archived_messages']) await queryRunner.dropTable(table);
  }
}
