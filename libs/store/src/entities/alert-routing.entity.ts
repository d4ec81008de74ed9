import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

/** Settings differ per kind, so they are kept as the JSON the API validated. */
@Entity({ name: 'alert_channels' })
export class AlertChannelEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar' })
  id!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  @Column({ name: 'kind', type: 'varchar' })
  kind!: string;

  @Column({ name: 'enabled', type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'min_severity', type: 'varchar' })
  minSeverity!: string;

  @Column({ name: 'throttle_limit', type: 'integer', nullable: true })
  throttleLimit!: number | null;

  @Column({ name: 'settings', type: 'text' })
  settings!: string;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintAsNumber })
  updatedAt!: number;

  @Column({ name: 'updated_by', type: 'varchar' })
  updatedBy!: string;
}

@Entity({ name: 'alert_routes' })
export class AlertRouteEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar' })
  id!: string;

  @Column({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  @Column({ name: 'enabled', type: 'boolean' })
  enabled!: boolean;

  /** The match conditions as JSON. */
  @Column({ name: 'match', type: 'text' })
  match!: string;

  /** Userids as a JSON list. */
  @Column({ name: 'recipients', type: 'text' })
  recipients!: string;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintAsNumber })
  updatedAt!: number;

  @Column({ name: 'updated_by', type: 'varchar' })
  updatedBy!: string;
}

@Entity({ name: 'alert_deliveries' })
@Index('idx_alert_deliveries_alert', ['alertId'])
@Index('idx_alert_deliveries_status_created', ['status', 'createdAt'])
@Index('idx_alert_deliveries_created', ['createdAt'])
export class AlertDeliveryEntity {
  @PrimaryColumn({ name: 'delivery_id', type: 'varchar' })
  deliveryId!: string;

  @Column({ name: 'alert_id', type: 'varchar', nullable: true })
  alertId!: string | null;

  @Column({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @Column({ name: 'channel_id', type: 'varchar' })
  channelId!: string;

  @Column({ name: 'recipient', type: 'varchar' })
  recipient!: string;

  @Column({ name: 'kind', type: 'varchar' })
  kind!: string;

  @Column({ name: 'severity', type: 'varchar' })
  severity!: string;

  @Column({ name: 'category', type: 'varchar' })
  category!: string;

  @Column({ name: 'employee_id', type: 'varchar' })
  employeeId!: string;

  @Column({ name: 'status', type: 'varchar' })
  status!: string;

  @Column({ name: 'attempts', type: 'integer' })
  attempts!: number;

  @Column({ name: 'error', type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'covered_by', type: 'varchar', nullable: true })
  coveredBy!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintAsNumber })
  updatedAt!: number;
}
