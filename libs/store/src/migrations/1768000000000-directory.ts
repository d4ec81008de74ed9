import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Departments, employees and external contacts, from WeCom's contact APIs and callbacks. */
export class Directory1768000000000 implements MigrationInterface {
  name = 'Directory1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const key = [{ name: 'corp_id', type: 'varchar', isPrimary: true }];
    const updatedAt = { name: 'updated_at', type: 'bigint' };
    await queryRunner.createTable(
      new Table({
        name: 'directory_departments',
        columns: [
          ...key,
          { name: 'department_id', type: 'varchar', isPrimary: true },
          { name: 'name', type: 'varchar' },
          { name: 'parent_id', type: 'varchar', isNullable: true },
          { name: 'leaders', type: 'text' },
          updatedAt,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'directory_employees',
        columns: [
          ...key,
          { name: 'userid', type: 'varchar', isPrimary: true },
          { name: 'name', type: 'varchar' },
          { name: 'department_ids', type: 'text' },
          { name: 'direct_leaders', type: 'text' },
          { name: 'status', type: 'integer' },
          updatedAt,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'directory_external_contacts',
        columns: [
          ...key,
          { name: 'external_userid', type: 'varchar', isPrimary: true },
          { name: 'name', type: 'varchar' },
          { name: 'corp_name', type: 'varchar', isNullable: true },
          { name: 'type', type: 'integer' },
          { name: 'follow_users', type: 'text' },
          updatedAt,
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('directory_external_contacts');
    await queryRunner.dropTable('directory_employees');
    await queryRunner.dropTable('directory_departments');
  }
}
