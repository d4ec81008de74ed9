import type { ReadScope } from '@chatvault/contracts';
import type { DirectoryDepartment, DirectoryEmployee } from '@chatvault/store';

/** The employees whose alerts and archived messages a key may read. */
export class Visibility {
  static readonly EVERYTHING = new Visibility(undefined);

  /** Per corp in scope, its userids in scope (null: every employee of the corp); undefined: every corp. */
  private readonly corps: ReadonlyMap<string, ReadonlySet<string> | null> | undefined;

  /** @param within undefined: everything. */
  constructor(readonly within: ReadScope | undefined) {
    this.corps = within && new Map(within.map(({ corpId, userids }) => [corpId, userids === undefined ? null : new Set(userids)]));
  }

  /** The userids of the employees of these departments, or of any department below them. */
  static employeesOf(departmentIds: readonly string[], departments: readonly DirectoryDepartment[], employees: readonly DirectoryEmployee[]): string[] {
    const children = new Map<string, string[]>();
    for (const d of departments) if (d.parentId !== null) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
    const inScope = new Set<string>();
    const pending = [...departmentIds];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (inScope.has(id)) continue;
      inScope.add(id);
      pending.push(...(children.get(id) ?? []));
    }
    return employees.filter((e) => e.departmentIds.some((id) => inScope.has(id))).map((e) => e.userid);
  }

  get unrestricted(): boolean {
    return this.corps === undefined;
  }

  seesCorp(corpId: string): boolean {
    return this.corps === undefined || this.corps.has(corpId);
  }

  /** An alert or a message of this employee; '' (alerts about no employee) is seen only by keys not scoped to departments. */
  seesEmployee(corpId: string, userid: string): boolean {
    if (this.corps === undefined) return true;
    const employees = this.corps.get(corpId);
    return employees === null || (employees !== undefined && employees.has(userid));
  }

  /** A message is the business of everyone in it: its sender and its recipients. */
  seesMessage(message: { corpId: string; from: string; tolist: readonly string[] }): boolean {
    return this.seesEmployee(message.corpId, message.from) || message.tolist.some((userid) => this.seesEmployee(message.corpId, userid));
  }
}
