import { Column, Entity, PrimaryColumn, Unique, type ValueTransformer } from 'typeorm';
import type { ApiKeyRole, ApiKeyScope } from '../archive-store';
import { bigintAsNumber } from './bigint-as-number';

const scopeAsJson: ValueTransformer = {
  to: (value: ApiKeyScope | null | undefined) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as ApiKeyScope)),
};

@Entity({ name: 'api_keys' })
@Unique('uq_api_keys_key_hash', ['keyHash'])
export class ApiKeyEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar' })
  id!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  @Column({ name: 'key_hash', type: 'varchar' })
  keyHash!: string;

  @Column({ name: 'role', type: 'varchar' })
  role!: ApiKeyRole;

  /** JSON; null for a key that sees everything its role may. */
  @Column({ name: 'scope', type: 'text', nullable: true, transformer: scopeAsJson })
  scope!: ApiKeyScope | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  revokedAt!: number | null;

  @Column({ name: 'revoked_by', type: 'varchar', nullable: true })
  revokedBy!: string | null;
}
