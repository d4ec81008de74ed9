import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number';
import { jsonStringList } from './json-string-list';

/** A WeCom department as last synced or changed by a callback. */
@Entity({ name: 'directory_departments' })
export class DirectoryDepartmentEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'department_id', type: 'varchar' })
  id!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  /** Null for the root department (WeCom's parentid 0). */
  @Column({ name: 'parent_id', type: 'varchar', nullable: true })
  parentId!: string | null;

  @Column({ name: 'leaders', type: 'text', transformer: jsonStringList })
  leaders!: string[];

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintAsNumber })
  updatedAt!: number;
}

/** An employee; kept after a departure (status 5) so old messages still show a name. Mobile and e-mail are never stored. */
@Entity({ name: 'directory_employees' })
export class DirectoryEmployeeEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'userid', type: 'varchar' })
  userid!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  @Column({ name: 'department_ids', type: 'text', transformer: jsonStringList })
  departmentIds!: string[];

  @Column({ name: 'direct_leaders', type: 'text', transformer: jsonStringList })
  directLeaders!: string[];

  @Column({ name: 'email', type: 'varchar', default: '' })
  email!: string;

  @Column({ name: 'status', type: 'integer' })
  status!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintAsNumber })
  updatedAt!: number;
}

@Entity({ name: 'directory_external_contacts' })
export class DirectoryExternalContactEntity {
  @PrimaryColumn({ name: 'corp_id', type: 'varchar' })
  corpId!: string;

  @PrimaryColumn({ name: 'external_userid', type: 'varchar' })
  externalUserId!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  @Column({ name: 'corp_name', type: 'varchar', nullable: true })
  corpName!: string | null;

  /** 1 a WeChat user, 2 a WeCom user of another corp. */
  @Column({ name: 'type', type: 'integer' })
  type!: number;

  /** The employees who have this customer. */
  @Column({ name: 'follow_users', type: 'text', transformer: jsonStringList })
  followUsers!: string[];

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintAsNumber })
  updatedAt!: number;
}
