import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class PolicyVersions1767300000000 implements MigrationInterface {
  name = 'PolicyVersions1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'policy_versions',
        columns: [
          { name: 'policy_id', type: 'varchar', isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'enabled', type: 'boolean' },
          { name: 'document', type: 'text' },
          { name: 'saved_by', type: 'varchar' },
          { name: 'saved_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('policy_versions');
  }
}
