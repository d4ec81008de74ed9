import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One record's link in its corp-day hash chain, as computed when the day was sealed. */
@Entity({ name: 'archive_chain_entries' })
export class ChainEntryEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'day', type: 'varchar' })
  day!: string;

  @PrimaryColumn({ name: 'position', type: 'integer' })
  position!: number;

  @Column({ name: 'msgid', type: 'varchar' })
  msgid!: string;

  @Column({ name: 'record_hash', type: 'varchar' })
  recordHash!: string;

  @Column({ name: 'chain_hash', type: 'varchar' })
  chainHash!: string;
}
