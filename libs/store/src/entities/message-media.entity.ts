import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

/** One media file of an archived message: where its bytes are, or why they are not there. */
@Entity({ name: 'message_media' })
export class MessageMediaEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'msgid', type: 'varchar' })
  msgid!: string;

  @PrimaryColumn({ name: 'media_index', type: 'integer' })
  index!: number;

  @Column({ name: 'sdkfileid', type: 'text' })
  sdkfileid!: string;

  @Column({ name: 'state', type: 'varchar' })
  state!: 'stored' | 'failed' | 'no-source';

  @Column({ name: 'sha256', type: 'varchar', nullable: true })
  sha256!: string | null;

  @Column({ name: 'size', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  size!: number | null;

  @Column({ name: 'md5', type: 'varchar' })
  md5!: string;

  @Column({ name: 'content_type', type: 'varchar', nullable: true })
  contentType!: string | null;

  @Column({ name: 'error', type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintAsNumber })
  updatedAt!: number;
}
