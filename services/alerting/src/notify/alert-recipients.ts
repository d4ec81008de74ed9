import { severitySchema, type AlertRaised, type Severity } from '@chatvault/contracts';
import { departmentLevelsAbove, type AlertRouteRecord, type DepartmentAbove, type Directory, type DirectoryDepartment, type DirectoryEmployee } from '@chatvault/store';

export interface Person {
  userid: string;
  name: string;
  email: string;
  /** Why this person hears of the alert: `manager`, or the routes that name them. */
  reasons: string[];
}

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
    const levels = employee ? departmentLevelsAbove(employee.departmentIds, departments) : [];
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

function managersOf(employee: DirectoryEmployee, levels: readonly DepartmentAbove[][]): string[] {
  if (employee.directLeaders.length > 0) return employee.directLeaders;
  for (const level of levels) {
    const leaders = level.flatMap((d) => d.leaders).filter((userid) => userid !== employee.userid);
    if (leaders.length > 0) return [...new Set(leaders)];
  }
  return [];
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
