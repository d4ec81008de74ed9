import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Each archived message's media files: content address once stored, the reason while not. */
export class MessageMedia1768100000000 implements MigrationInterface {
  name = 'MessageMedia1768100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'message_media',
        columns: [
          { name: 'corp_id', type: 'varchar', isPrimary: true },
          { name: 'msgid', type: 'varchar', isPrimary: true },
          { name: 'media_index', type: 'integer', isPrimary: true },
          { name: 'sdkfileid', type: 'text' },
          { name: 'state', type: 'varchar' },
          { name: 'sha256', type: 'varchar', isNullable: true },
          { name: 'size', type: 'bigint', isNullable: true },
          { name: 'md5', type: 'varchar' },
          { name: 'content_type', type: 'varchar', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('message_media');
  }
}
