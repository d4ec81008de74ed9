import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Severity } from '@chatvault/contracts';
import { bigintAsNumber } from './bigint-as-number';

@Entity({ name: 'alerts' })
@Unique('uq_alerts_dedup_key', ['dedupKey'])
@Index('idx_alerts_corp_created_at', ['corpId', 'createdAt'])
@Index('idx_alerts_created_at', ['createdAt'])
@Index('idx_alerts_severity_status_created_at', ['severity', 'status', 'createdAt'])
@Index('idx_alerts_group_last_hit', ['groupKey', 'lastHitAt'])
export class AlertEntity {
  @PrimaryColumn({ name: 'alert_id', type: 'varchar' })
  alertId!: string;

  @Column({ name: 'dedup_key', type: 'varchar' })
  dedupKey!: string;

  @Column({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @Column({ name: 'employee_id', type: 'varchar' })
  employeeId!: string;

  @Column({ name: 'conversation_id', type: 'varchar' })
  conversationId!: string;

  @Column({ name: 'rule_id', type: 'varchar' })
  ruleId!: string;

  @Column({ name: 'category', type: 'varchar' })
  category!: string;

  @Column({ name: 'severity', type: 'varchar' })
  severity!: Severity;

  @Column({ name: 'msgids', type: 'simple-json' })
  msgids!: string[];

  @Column({ name: 'excerpt', type: 'text' })
  excerpt!: string;

  @Column({ name: 'policy_id', type: 'varchar' })
  policyId!: string;

  @Column({ name: 'policy_version', type: 'integer' })
  policyVersion!: number;

  @Column({ name: 'status', type: 'varchar' })
  status!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;

  @Column({ name: 'version', type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'assignee', type: 'varchar', nullable: true })
  assignee!: string | null;

  @Column({ name: 'resolution', type: 'varchar', nullable: true })
  resolution!: string | null;

  @Column({ name: 'updated_at', type: 'bigint', default: 0, transformer: bigintAsNumber })
  updatedAt!: number;

  @Column({ name: 'group_key', type: 'varchar', default: '' })
  groupKey!: string;

  @Column({ name: 'hit_count', type: 'integer', default: 1 })
  hitCount!: number;

  @Column({ name: 'last_hit_at', type: 'bigint', default: 0, transformer: bigintAsNumber })
  lastHitAt!: number;

  /** The worst severity among the hits, before escalation for their number. */
  @Column({ name: 'worst_hit_severity', type: 'varchar', default: 'info' })
  worstHitSeverity!: Severity;
}
