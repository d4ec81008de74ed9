import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

@Entity({ name: 'alert_transitions' })
@Index('idx_alert_transitions_alert_at', ['alertId', 'at'])
export class AlertTransitionEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar' })
  id!: string;

  @Column({ name: 'alert_id', type: 'varchar' })
  alertId!: string;

  @Column({ name: 'from_status', type: 'varchar' })
  from!: string;

  @Column({ name: 'to_status', type: 'varchar' })
  to!: string;

  @Column({ name: 'actor', type: 'varchar' })
  actor!: string;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'at', type: 'bigint', transformer: bigintAsNumber })
  at!: number;
}
