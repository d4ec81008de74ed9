import type { DirectoryDepartment, DirectoryEmployee } from '@chatvault/store';

/** The employees whose alerts and archived messages a key may read. */
export class Visibility {
  static readonly EVERYTHING = new Visibility(null, null);

  /**
   * @param corps null: every corp.
   * @param employees `corpId:userid` of the employees in scope; null: every employee of the corps.
   */
  constructor(
    private readonly corps: ReadonlySet<string> | null,
    private readonly employees: ReadonlySet<string> | null,
  ) {}

  /** The employees of these departments of one corp, or of any department below them. */
  static employeesOf(corpId: string, departmentIds: readonly string[], departments: readonly DirectoryDepartment[], employees: readonly DirectoryEmployee[]): string[] {
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
    return employees.filter((e) => e.departmentIds.some((id) => inScope.has(id))).map((e) => `${corpId}:${e.userid}`);
  }

  get unrestricted(): boolean {
    return this.corps === null && this.employees === null;
  }

  /** An alert or a message of this employee; '' (alerts about no employee) is seen only by keys not scoped to departments. */
  seesEmployee(corpId: string, userid: string): boolean {
    if (this.corps !== null && !this.corps.has(corpId)) return false;
    return this.employees === null || this.employees.has(`${corpId}:${userid}`);
  }

  /** A message is the business of everyone in it: its sender and its recipients. */
  seesMessage(message: { corpId: string; from: string; tolist: readonly string[] }): boolean {
    return this.seesEmployee(message.corpId, message.from) || message.tolist.some((userid) => this.seesEmployee(message.corpId, userid));
  }

  /**
   * The corp a query should be narrowed to: the one asked for, or the scope's only corp. `excluded`
   * when the corp asked for is out of scope, so the answer is empty without asking.
   */
  corpFilter(asked: string | undefined): { corpId?: string } | 'excluded' {
    if (this.corps === null) return { corpId: asked };
    if (asked !== undefined) return this.corps.has(asked) ? { corpId: asked } : 'excluded';
    return this.corps.size === 1 ? { corpId: [...this.corps][0] } : {};
  }

  /** Whether results of a query narrowed to this corp still need checking one by one. */
  needsFiltering(corpId: string | undefined): boolean {
    return this.employees !== null || (this.corps !== null && corpId === undefined);
  }
}
