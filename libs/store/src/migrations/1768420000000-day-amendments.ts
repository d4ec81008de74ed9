import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Records that reach a corp-day after its seal are closed by amendments that continue its chain. */
export class DayAmendments1768420000000 implements MigrationInterface {
  name = 'DayAmendments1768420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'archive_day_amendments',
        columns: [
          { name: 'corp_id', type: 'varchar', isPrimary: true },
          { name: 'day', type: 'varchar', isPrimary: true },
          { name: 'amendment', type: 'integer', isPrimary: true },
          { name: 'first_position', type: 'integer' },
          { name: 'record_count', type: 'integer' },
          { name: 'merkle_root', type: 'varchar' },
          { name: 'last_chain_hash', type: 'varchar' },
          { name: 'sealed_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('archive_day_amendments');
  }
}
