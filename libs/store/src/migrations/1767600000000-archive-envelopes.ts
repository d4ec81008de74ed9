import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Encrypted chat-archive envelopes and the per-corp pull cursor. */
export class ArchiveEnvelopes1767600000000 implements MigrationInterface {
  name = 'ArchiveEnvelopes1767600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'archive_envelopes',
        columns: [
          { name: 'corp_id', type: 'varchar', isPrimary: true },
          { name: 'seq', type: 'bigint', isPrimary: true },
          { name: 'msgid', type: 'varchar' },
          { name: 'publickey_ver', type: 'integer' },
          { name: 'encrypt_random_key', type: 'text' },
          { name: 'encrypt_chat_msg', type: 'text' },
          { name: 'state', type: 'varchar' },
          { name: 'attempts', type: 'integer' },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'next_attempt_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'archive_envelopes',
      new TableIndex({ name: 'idx_archive_envelopes_due', columnNames: ['corp_id', 'state', 'next_attempt_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'archive_cursors',
        columns: [
          { name: 'corp_id', type: 'varchar', isPrimary: true },
          { name: 'seq', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('archive_cursors');
    await queryRunner.dropTable('archive_envelopes');
  }
}
