import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';

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
  role!: 'admin' | 'reader' | 'ingest';

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;
}
