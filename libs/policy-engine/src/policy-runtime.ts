import type { Severity } from '@chatvault/contracts';
import type { Direction, Policy, Rule } from './policy-schema';
import { WorkingHours } from './working-hours';

/** Who and when a policy judges: scope and schedule, checked once per message. */
export interface ScopeFacts {
  direction: Direction | undefined;
  employeeId: string | undefined;
  departments: readonly string[];
  at: number;
}

export class PolicyRuntime {
  readonly id: string;
  readonly version: number;
  readonly severity: Severity;
  readonly hours: WorkingHours | undefined;
  private readonly departments: ReadonlySet<string> | undefined;
  private readonly employees: ReadonlySet<string> | undefined;
  private readonly directions: ReadonlySet<Direction> | undefined;
  private readonly activeDuring: Policy['activeDuring'];

  constructor(
    readonly index: number,
    policy: Policy,
  ) {
    this.id = policy.id;
    this.version = policy.version;
    this.severity = policy.severity;
    this.hours = policy.schedule && new WorkingHours(policy.schedule);
    this.departments = policy.scope.departments && new Set(policy.scope.departments);
    this.employees = policy.scope.employees && new Set(policy.scope.employees);
    this.directions = policy.scope.directions && new Set(policy.scope.directions);
    this.activeDuring = policy.activeDuring;
  }

  /** Whether judging an employee needs their departments from the directory. */
  get scopedToDepartments(): boolean {
    return this.departments !== undefined;
  }

  /** Events have no direction: a direction scope does not exclude them. */
  appliesTo(facts: ScopeFacts): boolean {
    if (this.directions && facts.direction !== undefined && !this.directions.has(facts.direction)) return false;
    if (this.employees || this.departments) {
      const byEmployee = this.employees !== undefined && facts.employeeId !== undefined && this.employees.has(facts.employeeId);
      const byDepartment = this.departments !== undefined && facts.departments.some((d) => this.departments!.has(d));
      if (!byEmployee && !byDepartment) return false;
    }
    if (this.activeDuring !== 'always' && this.hours) {
      const working = this.hours.contains(facts.at);
      if (working !== (this.activeDuring === 'working-hours')) return false;
    }
    return true;
  }
}

/** The conditions every rule kind may add to its policy's scope. */
export class RuleGate {
  private readonly from: ReadonlySet<string> | undefined;
  private readonly directions: ReadonlySet<Direction> | undefined;
  private readonly msgtypes: ReadonlySet<string> | undefined;
  private readonly excludeMsgtypes: ReadonlySet<string> | undefined;

  constructor(rule: Rule) {
    this.from = rule.from && new Set(rule.from);
    this.directions = rule.directions && new Set(rule.directions);
    this.msgtypes = rule.msgtypes && new Set(rule.msgtypes);
    this.excludeMsgtypes = rule.excludeMsgtypes && new Set(rule.excludeMsgtypes);
  }

  admits(speaker: string, direction: Direction, msgtype: string): boolean {
    if (this.from && !this.from.has(speaker)) return false;
    if (this.directions && !this.directions.has(direction)) return false;
    if (this.msgtypes && !this.msgtypes.has(msgtype)) return false;
    return !this.excludeMsgtypes?.has(msgtype);
  }
}
