import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { Directory, DirectoryDepartment, DirectoryEmployee, DirectoryExternalContact } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { DirectoryDepartmentEntity, DirectoryEmployeeEntity, DirectoryExternalContactEntity } from './entities/directory.entity';

/** Rows per statement: keeps a large org's sync under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

const departmentOf = (e: DirectoryDepartmentEntity): DirectoryDepartment => ({ id: e.id, name: e.name, parentId: e.parentId, leaders: e.leaders });
const employeeOf = (e: DirectoryEmployeeEntity): DirectoryEmployee => ({
  userid: e.userid,
  name: e.name,
  departmentIds: e.departmentIds,
  directLeaders: e.directLeaders,
  email: e.email,
  status: e.status,
});
const contactOf = (e: DirectoryExternalContactEntity): DirectoryExternalContact => ({
  externalUserId: e.externalUserId,
  name: e.name,
  corpName: e.corpName,
  type: e.type,
  followUsers: e.followUsers,
});

export class TypeormDirectory implements Directory {
  constructor(private readonly db: DatabaseAccess) {}

  saveDepartments(corpId: string, departments: readonly DirectoryDepartment[], updatedAt: number): Promise<void> {
    return this.upsert(DirectoryDepartmentEntity, departments.map((d) => ({ corpId, updatedAt, ...d })), 'id');
  }

  saveEmployees(corpId: string, employees: readonly DirectoryEmployee[], updatedAt: number): Promise<void> {
    return this.upsert(DirectoryEmployeeEntity, employees.map((e) => ({ corpId, updatedAt, ...e })), 'userid');
  }

  saveExternalContacts(corpId: string, contacts: readonly DirectoryExternalContact[], updatedAt: number): Promise<void> {
    return this.upsert(DirectoryExternalContactEntity, contacts.map((c) => ({ corpId, updatedAt, ...c })), 'externalUserId');
  }

  async deleteDepartment(corpId: string, id: string): Promise<void> {
    await this.db.run((manager) => manager.delete(DirectoryDepartmentEntity, { corpId, id }));
  }

  async deleteExternalContact(corpId: string, externalUserId: string): Promise<void> {
    await this.db.run((manager) => manager.delete(DirectoryExternalContactEntity, { corpId, externalUserId }));
  }

  async findEmployee(corpId: string, userid: string): Promise<DirectoryEmployee | null> {
    const row = await this.db.run((manager) => manager.findOneBy(DirectoryEmployeeEntity, { corpId, userid }));
    return row ? employeeOf(row) : null;
  }

  async findEmployees(corpId: string, userids: readonly string[]): Promise<DirectoryEmployee[]> {
    const unique = [...new Set(userids)];
    const found: DirectoryEmployee[] = [];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.db.run((manager) => manager.findBy(DirectoryEmployeeEntity, { corpId, userid: In(unique.slice(i, i + CHUNK)) }));
      found.push(...rows.map(employeeOf));
    }
    return found;
  }

  async findDepartment(corpId: string, id: string): Promise<DirectoryDepartment | null> {
    const row = await this.db.run((manager) => manager.findOneBy(DirectoryDepartmentEntity, { corpId, id }));
    return row ? departmentOf(row) : null;
  }

  async listDepartments(corpId?: string): Promise<DirectoryDepartment[]> {
    const rows = await this.db.run((manager) => manager.find(DirectoryDepartmentEntity, { where: corpId === undefined ? {} : { corpId } }));
    // Ids are WeCom's integers kept as text: sorted as numbers so 10 follows 9.
    return rows.map(departmentOf).sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  }

  async listEmployees(corpId: string): Promise<DirectoryEmployee[]> {
    const rows = await this.db.run((manager) => manager.find(DirectoryEmployeeEntity, { where: { corpId }, order: { userid: 'ASC' } }));
    return rows.map(employeeOf);
  }

  async findExternalContact(corpId: string, externalUserId: string): Promise<DirectoryExternalContact | null> {
    const row = await this.db.run((manager) => manager.findOneBy(DirectoryExternalContactEntity, { corpId, externalUserId }));
    return row ? contactOf(row) : null;
  }

  private async upsert<E extends ObjectLiteral>(entity: EntityTarget<E>, rows: E[], key: string): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db.run((manager) => manager.upsert(entity, rows.slice(i, i + CHUNK), ['corpId', key]));
    }
  }
}
