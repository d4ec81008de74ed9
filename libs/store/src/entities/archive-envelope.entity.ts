import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

/** A chat-archive record as pulled, still encrypted: kept until its plaintext is published. */
@Entity({ name: 'archive_envelopes' })
@Index('idx_archive_envelopes_due', ['corpId', 'state', 'nextAttemptAt'])
@Index('idx_archive_envelopes_stored', ['corpId', 'storedAt'])
export class ArchiveEnvelopeEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'seq', type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column({ name: 'msgid', type: 'varchar' })
  msgid!: string;

  @Column({ name: 'publickey_ver', type: 'integer' })
  publickeyVer!: number;

  @Column({ name: 'encrypt_random_key', type: 'text' })
  encryptRandomKey!: string;

  @Column({ name: 'encrypt_chat_msg', type: 'text' })
  encryptChatMsg!: string;

  @Column({ name: 'state', type: 'varchar' })
  state!: 'pending' | 'decrypted' | 'failed';

  @Column({ name: 'attempts', type: 'integer' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'next_attempt_at', type: 'bigint', transformer: bigintAsNumber })
  nextAttemptAt!: number;

  /** When the puller stored it: the day it counts for in reconciliation. */
  @Column({ name: 'stored_at', type: 'bigint', default: 0, transformer: bigintAsNumber })
  storedAt!: number;
}

/** How far the puller has durably stored each corp's archive: the seq to pass to the next GetChatData. */
@Entity({ name: 'archive_cursors' })
export class ArchiveCursorEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @Column({ name: 'seq', type: 'bigint', transformer: bigintAsNumber })
  seq!: number;
}
