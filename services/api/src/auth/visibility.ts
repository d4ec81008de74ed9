import type { ReadScope } from '@chatvault/contracts';
import type { DirectoryDepartment, DirectoryEmployee } from '@chatvault/store';

/**
 * What a key's scope lets it reach: the employees whose alerts and archived messages it may read (and
 * review), the corps whose capture it may read, the routes that could send it their alerts, and for an
 * ingest key the corps it may post.
 */
export class Visibility {
  static readonly EVERYTHING = new Visibility(undefined);

  /** Per corp in scope, its userids in scope (null: every employee of the corp); undefined: every corp. */
  private readonly corps: ReadonlyMap<string, ReadonlySet<string> | null> | undefined;
  /** Per corp scoped to employees, the departments a route may name and still reach one of them. */
  private readonly routed: ReadonlyMap<string, ReadonlySet<string>>;

  /**
   * @param within undefined: everything.
   * @param routedDepartments per corp of `within` that names its employees, their departments and every one
   * above (`departmentLevelsAbove`); a corp left out has none.
   */
  constructor(
    readonly within: ReadScope | undefined,
    routedDepartments: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    this.corps = within && new Map(within.map(({ corpId, userids }) => [corpId, userids === undefined ? null : new Set(userids)]));
    this.routed = new Map([...routedDepartments].map(([corpId, ids]) => [corpId, new Set(ids)]));
  }

  /** The employees of these departments, or of any department below them. */
  static employeesOf(departmentIds: readonly string[], departments: readonly DirectoryDepartment[], employees: readonly DirectoryEmployee[]): DirectoryEmployee[] {
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
    return employees.filter((e) => e.departmentIds.some((id) => inScope.has(id)));
  }

  get unrestricted(): boolean {
    return this.corps === undefined;
  }

  /** A corp in scope: for an ingest key, one whose records it may post. */
  seesCorp(corpId: string): boolean {
    return this.corps === undefined || this.corps.has(corpId);
  }

  /**
   * What concerns a corp and no single employee of it (capture problems, a day's reconciliation): seen
   * by keys that see every employee of the corp, not by keys scoped to its departments.
   */
  seesWholeCorp(corpId: string): boolean {
    return this.corps === undefined || this.corps.get(corpId) === null;
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

  /**
   * A route that could route an alert in scope: one of a corp in scope that names no department, or a
   * department of an employee in scope or one above it (as alerting matches routes).
   */
  seesRoute(route: { corpId: string; match: { departmentIds?: readonly string[] } }): boolean {
    if (this.corps === undefined) return true;
    const employees = this.corps.get(route.corpId);
    if (employees === undefined) return false;
    const named = route.match.departmentIds;
    if (employees === null || named === undefined) return true;
    const routed = this.routed.get(route.corpId);
    return routed !== undefined && named.some((id) => routed.has(id));
  }
}
