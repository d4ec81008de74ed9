import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

/** A sealed corp-day: its record count, Merkle root and the last link of its chain. */
@Entity({ name: 'archive_day_seals' })
export class DaySealEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'day', type: 'varchar' })
  day!: string;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount!: number;

  @Column({ name: 'merkle_root', type: 'varchar' })
  merkleRoot!: string;

  @Column({ name: 'last_chain_hash', type: 'varchar' })
  lastChainHash!: string;

  @Column({ name: 'sealed_at', type: 'bigint', transformer: bigintAsNumber })
  sealedAt!: number;
}
