import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Tamper evidence: per-record chain entries and per corp-day seals. */
export class ArchiveChain1767400000000 implements MigrationInterface {
  name = 'ArchiveChain1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'archive_chain_entries',
        columns: [
          { name: 'corp_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'position', type: 'integer', isPrimary: true },
          { name: 'msgid', type: 'varchar' },
          { name: 'record_hash', type: 'varchar' },
          { name: 'chain_hash', type: 'varchar' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'archive_day_seals',
        columns: [
          { name: 'corp_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'record_count', type: 'integer' },
          { name: 'merkle_root', type: 'varchar' },
          { name: 'last_chain_hash', type: 'varchar' },
          { name: 'sealed_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('archive_day_seals');
    await queryRunner.dropTable('archive_chain_entries');
  }
}
