import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** Keys scoped to corps and departments, and revoked keys kept with who revoked them and when. */
export class ApiKeyScope1768600000000 implements MigrationInterface {
  name = 'ApiKeyScope1768600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('api_keys', [
      new TableColumn({ name: 'scope', type: 'text', isNullable: true }),
      new TableColumn({ name: 'revoked_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'revoked_by', type: 'varchar', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['revoked_by', 'revoked_at', 'scope']) await queryRunner.dropColumn('api_keys', column);
  }
}
