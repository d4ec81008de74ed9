import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

/** Every version of every policy is kept: a hit names the version that produced it. */
@Entity({ name: 'policy_versions' })
export class PolicyVersionEntity {
  @PrimaryColumn({ name: 'policy_id', type: 'varchar' })
  policyId!: string;

  @PrimaryColumn({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'enabled', type: 'boolean' })
  enabled!: boolean;

  /** The policy document as JSON. */
  @Column({ name: 'document', type: 'text' })
  document!: string;

  @Column({ name: 'saved_by', type: 'varchar' })
  savedBy!: string;

  @Column({ name: 'saved_at', type: 'bigint', transformer: bigintAsNumber })
  savedAt!: number;
}
