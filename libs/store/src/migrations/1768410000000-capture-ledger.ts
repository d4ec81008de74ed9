import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Capture completeness: problems ingest reported, duplicate deliveries per day, and when each envelope was pulled. */
export class CaptureLedger1768410000000 implements MigrationInterface {
  name = 'CaptureLedger1768410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'capture_problems',
        columns: [
          { name: 'event_id', type: 'varchar', isPrimary: true },
          { name: 'corp_id', type: 'varchar' },
          { name: 'kind', type: 'varchar' },
          { name: 'detail', type: 'text' },
          { name: 'seq_from', type: 'bigint', isNullable: true },
          { name: 'seq_to', type: 'bigint', isNullable: true },
          { name: 'msgid', type: 'varchar', isNullable: true },
          { name: 'count', type: 'integer' },
          { name: 'occurred_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('capture_problems', new TableIndex({ name: 'idx_capture_problems_corp_occurred', columnNames: ['corp_id', 'occurred_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'capture_duplicates',
        columns: [
          { name: 'corp_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'source', type: 'varchar', isPrimary: true },
          { name: 'count', type: 'integer' },
        ],
      }),
    );
    await queryRunner.createIndex('archived_messages', new TableIndex({ name: 'idx_archived_messages_corp_archived_at', columnNames: ['corp_id', 'archived_at'] }));
    await queryRunner.addColumn('archive_envelopes', new TableColumn({ name: 'stored_at', type: 'bigint', default: 0 }));
    // Envelopes pulled before this version count for the day of their first decryption attempt.
    await queryRunner.query('UPDATE "archive_envelopes" SET "stored_at" = "next_attempt_at"');
    await queryRunner.createIndex('archive_envelopes', new TableIndex({ name: 'idx_archive_envelopes_stored', columnNames: ['corp_id', 'stored_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('archive_envelopes', 'idx_archive_envelopes_stored');
    await queryRunner.dropColumn('archive_envelopes', 'stored_at');
    await queryRunner.dropIndex('archived_messages', 'idx_archived_messages_corp_archived_at');
    await queryRunner.dropTable('capture_duplicates');
    await queryRunner.dropTable('capture_problems');
  }
}
