import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

/** Late records of a sealed corp-day, closed after the seal. */
@Entity({ name: 'archive_day_amendments' })
export class DayAmendmentEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'day', type: 'varchar' })
  day!: string;

  @PrimaryColumn({ name: 'amendment', type: 'integer' })
  amendment!: number;

  @Column({ name: 'first_position', type: 'integer' })
  firstPosition!: number;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount!: number;

  @Column({ name: 'merkle_root', type: 'varchar' })
  merkleRoot!: string;

  @Column({ name: 'last_chain_hash', type: 'varchar' })
  lastChainHash!: string;

  @Column({ name: 'sealed_at', type: 'bigint', transformer: bigintAsNumber })
  sealedAt!: number;
}
