import { severitySchema, type AlertRaised, type Severity } from '@chatvault/contracts';
import type { AlertRouteRecord, Directory, DirectoryDepartment, DirectoryEmployee } from '@chatvault/store';

export interface Person {
  userid: string;
  name: string;
  email: string;
  /** Why this person hears of the alert: `manager`, or the routes that name them. */
  reasons: string[];
}

/** Far deeper than any real org chart; stops a parent cycle in bad directory data. */
const MAX_DEPTH = 32;

export function atLeast(severity: Severity, minimum: Severity): boolean {
  return severitySchema.options.indexOf(severity) >= severitySchema.options.indexOf(minimum);
}

/**
 * Who hears of an alert: the employee's managers from the directory (直属上级, else the leaders of
 * the nearest department above them that has any) and the recipients of every route that matches,
 * which is how a department's compliance officers and per-policy or per-severity recipients are named.
 * Never the employee themself.
 */
export class AlertRecipients {
  constructor(private readonly directory: Directory) {}

  /** `employee` is the alert's, as the directory knows them; `departments` the corp's, by id. */
  async resolve(
    alert: AlertRaised,
    employee: DirectoryEmployee | null,
    departments: ReadonlyMap<string, DirectoryDepartment>,
    routes: readonly AlertRouteRecord[],
  ): Promise<Person[]> {
    const levels = employee ? departmentsAbove(employee.departmentIds, departments) : [];
    const reasons = new Map<string, string[]>();
    const add = (userid: string, reason: string) => {
      if (userid === alert.employeeId) return;
      reasons.set(userid, [...(reasons.get(userid) ?? []), reason]);
    };
    for (const manager of employee ? managersOf(employee, levels) : []) add(manager, 'manager');
    const departmentIds = new Set(levels.flat().map((d) => d.id));
    for (const route of routes) {
      if (matches(route, alert, departmentIds)) for (const userid of route.recipients) add(userid, `route:${route.name}`);
    }
    const known = new Map((await this.directory.findEmployees(alert.corpId, [...reasons.keys()])).map((e) => [e.userid, e]));
    return [...reasons].map(([userid, why]) => ({ userid, name: known.get(userid)?.name ?? userid, email: known.get(userid)?.email ?? '', reasons: why }));
  }
}

function managersOf(employee: DirectoryEmployee, levels: readonly { leaders: string[] }[][]): string[] {
  if (employee.directLeaders.length > 0) return employee.directLeaders;
  for (const level of levels) {
    const leaders = level.flatMap((d) => d.leaders).filter((userid) => userid !== employee.userid);
    if (leaders.length > 0) return [...new Set(leaders)];
  }
  return [];
}

/** The employee's departments, then their parents, and so on up to the root: one list per level. */
function departmentsAbove(departmentIds: readonly string[], departments: ReadonlyMap<string, DirectoryDepartment>): { id: string; leaders: string[] }[][] {
  const levels: { id: string; leaders: string[] }[][] = [];
  const seen = new Set<string>();
  let ids = [...departmentIds];
  for (let depth = 0; ids.length > 0 && depth < MAX_DEPTH; depth++) {
    const level = [];
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const department = departments.get(id);
      level.push({ id, leaders: department?.leaders ?? [], parentId: department?.parentId ?? null });
    }
    levels.push(level);
    ids = level.flatMap((d) => (d.parentId ? [d.parentId] : []));
  }
  return levels;
}

function matches(route: AlertRouteRecord, alert: AlertRaised, departmentIds: ReadonlySet<string>): boolean {
  const { minSeverity, categories, policyIds, departmentIds: wanted } = route.match;
  return (
    route.enabled &&
    route.corpId === alert.corpId &&
    (minSeverity === undefined || atLeast(alert.severity, minSeverity)) &&
    (categories === undefined || categories.includes(alert.category)) &&
    (policyIds === undefined || policyIds.includes(alert.policyId)) &&
    (wanted === undefined || wanted.some((id) => departmentIds.has(id)))
  );
}
