import { Inject, Injectable } from '@nestjs/common';
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
}
