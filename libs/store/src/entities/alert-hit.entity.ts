import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Severity } from '@chatvault/contracts';
import { bigintAsNumber } from './bigint-as-number';

@Entity({ name: 'alert_hits' })
@Index('idx_alert_hits_alert_at', ['alertId', 'at'])
export class AlertHitEntity {
  /** A hit is filed once: a redelivered one finds itself here. */
  @PrimaryColumn({ name: 'hit_id', type: 'varchar' })
  hitId!: string;

  @Column({ name: 'alert_id', type: 'varchar' })
  alertId!: string;

  @Column({ name: 'msgid', type: 'varchar' })
  msgid!: string;

  @Column({ name: 'severity', type: 'varchar' })
  severity!: Severity;

  @Column({ name: 'excerpt', type: 'text' })
  excerpt!: string;

  @Column({ name: 'policy_version', type: 'integer' })
  policyVersion!: number;

  @Column({ name: 'at', type: 'bigint', transformer: bigintAsNumber })
  at!: number;
}
