import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

@Entity({ name: 'audit_log' })
@Index('idx_audit_log_at', ['at'])
export class AuditEntryEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar' })
  id!: string;

  @Column({ name: 'actor_key_id', type: 'varchar' })
  actorKeyId!: string;

  @Column({ name: 'actor_name', type: 'varchar' })
  actorName!: string;

  @Column({ name: 'action', type: 'varchar' })
  action!: string;

  @Column({ name: 'details', type: 'text' })
  details!: string;

  @Column({ name: 'source_ip', type: 'varchar' })
  sourceIp!: string;

  @Column({ name: 'at', type: 'bigint', transformer: bigintAsNumber })
  at!: number;
}
