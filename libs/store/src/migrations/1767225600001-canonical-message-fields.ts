import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The canonical fields every msgtype gets: known or not, what a recall recalls, media, pull sequence. */
export class CanonicalMessageFields1767225600001 implements MigrationInterface {
  name = 'CanonicalMessageFields1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // SQLite keeps booleans as integers, and TypeORM compares defaults as each driver spells them.
    const isTrue = queryRunner.connection.options.type === 'postgres' ? 'true' : '1';
    await queryRunner.addColumns('archived_messages', [
      new TableColumn({ name: 'known_type', type: 'boolean', default: isTrue }),
      new TableColumn({ name: 'recalled_msgid', type: 'varchar', isNullable: true }),
      new TableColumn({ name: 'media', type: 'text', default: "'[]'" }),
      new TableColumn({ name: 'seq', type: 'bigint', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['seq', 'media', 'recalled_msgid', 'known_type']) await queryRunner.dropColumn('archived_messages', column);
  }
}
