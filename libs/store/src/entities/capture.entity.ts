import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaptureProblemKind } from '@chatvault/contracts';
import { bigintAsNumber } from './bigint-as-number';

@Entity({ name: 'capture_problems' })
@Index('idx_capture_problems_corp_occurred', ['corpId', 'occurredAt'])
export class CaptureProblemEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar' })
  eventId!: string;

  @Column({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @Column({ name: 'kind', type: 'varchar' })
  kind!: CaptureProblemKind;

  @Column({ name: 'detail', type: 'text' })
  detail!: string;

  @Column({ name: 'seq_from', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  seqFrom!: number | null;

  @Column({ name: 'seq_to', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  seqTo!: number | null;

  @Column({ name: 'msgid', type: 'varchar', nullable: true })
  msgid!: string | null;

  @Column({ name: 'count', type: 'integer' })
  count!: number;

  @Column({ name: 'occurred_at', type: 'bigint', transformer: bigintAsNumber })
  occurredAt!: number;
}

/** Per corp, China business day and source: deliveries of messages that were archived already. */
@Entity({ name: 'capture_duplicates' })
export class CaptureDuplicatesEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'day', type: 'varchar' })
  day!: string;

  @PrimaryColumn({ name: 'source', type: 'varchar' })
  source!: string;

  @Column({ name: 'count', type: 'integer' })
  count!: number;
}
