import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MediaRef, ParticipantKind } from '@chatvault/contracts';
import { bigintAsNumber } from './bigint-as-number';

/** One archived WeCom record: the raw JSON verbatim plus the canonical fields read from it. */
@Entity({ name: 'archived_messages' })
@Index('idx_archived_messages_corp_msgtime', ['corpId', 'msgtime'])
@Index('idx_archived_messages_conversation_msgtime', ['conversationId', 'msgtime'])
@Index('idx_archived_messages_corp_archived_at', ['corpId', 'archivedAt'])
export class ArchivedMessageEntity {
  /** (corp_id, msgid) is the primary key: WeCom msgids are unique within a corp only. */
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'msgid', type: 'varchar' })
  msgid!: string;

  @Column({ name: 'action', type: 'varchar' })
  action!: 'send' | 'recall' | 'switch';

  @Column({ name: 'msgtype', type: 'varchar' })
  msgtype!: string;

  @Column({ name: 'from_id', type: 'varchar' })
  from!: string;

  @Column({ name: 'from_kind', type: 'varchar' })
  fromKind!: ParticipantKind;

  @Column({ name: 'tolist', type: 'simple-json' })
  tolist!: string[];

  @Column({ name: 'roomid', type: 'varchar' })
  roomid!: string;

  @Column({ name: 'conversation_id', type: 'varchar' })
  conversationId!: string;

  @Column({ name: 'msgtime', type: 'bigint', transformer: bigintAsNumber })
  msgtime!: number;

  @Column({ name: 'text', type: 'text' })
  text!: string;

  // Rows archived before the column existed were all of known types.
  @Column({ name: 'known_type', type: 'boolean', default: true })
  knownType!: boolean;

  @Column({ name: 'recalled_msgid', type: 'varchar', nullable: true })
  recalledMsgid!: string | null;

  @Column({ name: 'recalled_by', type: 'varchar', nullable: true })
  recalledBy!: string | null;

  @Column({ name: 'media', type: 'simple-json', default: '[]' })
  media!: MediaRef[];

  @Column({ name: 'seq', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  seq!: number | null;

  @Column({ name: 'raw_json', type: 'text' })
  rawJson!: string;

  @Column({ name: 'content_hash', type: 'varchar' })
  contentHash!: string;

  @Column({ name: 'source', type: 'varchar' })
  source!: string;

  @Column({ name: 'archived_at', type: 'bigint', transformer: bigintAsNumber })
  archivedAt!: number;
}
