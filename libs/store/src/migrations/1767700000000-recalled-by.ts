import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** A recalled message stays archived as it was and is marked with the recall that took it back. */
export class RecalledBy1767700000000 implements MigrationInterface {
  name = 'RecalledBy1767700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('archived_messages', new TableColumn({ name: 'recalled_by', type: 'varchar', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('archived_messages', 'recalled_by');
  }
}
