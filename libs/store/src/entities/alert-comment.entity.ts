import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

@Entity({ name: 'alert_comments' })
@Index('idx_alert_comments_alert_at', ['alertId', 'at'])
export class AlertCommentEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar' })
  id!: string;

  @Column({ name: 'alert_id', type: 'varchar' })
  alertId!: string;

  @Column({ name: 'author', type: 'varchar' })
  author!: string;

  @Column({ name: 'body', type: 'text' })
  body!: string;

  @Column({ name: 'at', type: 'bigint', transformer: bigintAsNumber })
  at!: number;
}
