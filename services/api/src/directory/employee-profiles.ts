import { Inject, Injectable } from '@nestjs/common';
import { groupBy } from '@chatvault/platform';
import { ARCHIVE_STORE, type ArchiveStore, type DirectoryEmployee } from '@chatvault/store';

export interface EmployeeProfile extends DirectoryEmployee {
  /** The employee's departments by name, for display; an id the directory does not know is left out. */
  departments: { id: string; name: string }[];
}

/** An employee as screens show them: name and department names beside the userid. */
@Injectable()
export class EmployeeProfiles {
  constructor(@Inject(ARCHIVE_STORE) private readonly store: ArchiveStore) {}

  async find(corpId: string, userid: string): Promise<EmployeeProfile | null> {
    const employee = await this.store.directory.findEmployee(corpId, userid);
    if (!employee) return null;
    const departments = await Promise.all(employee.departmentIds.map((id) => this.store.directory.findDepartment(corpId, id)));
    return { ...employee, departments: departments.flatMap((d) => (d ? [{ id: d.id, name: d.name }] : [])) };
  }

  /** Names of the employees among these (corp, userid) pairs, keyed `corpId:userid`: one query per corp. */
  async names(people: readonly { corpId: string; userid: string }[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const [corpId, userids] of groupBy(people, (p) => p.corpId, (p) => p.userid)) {
      for (const employee of await this.store.directory.findEmployees(corpId, userids)) names.set(`${corpId}:${employee.userid}`, employee.name);
    }
    return names;
  }
}
