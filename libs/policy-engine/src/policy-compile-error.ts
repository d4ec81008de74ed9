import { DomainError } from '@chatvault/platform';

/** One thing wrong with a policy, located precisely enough for an editor to highlight it. */
export interface PolicyProblem {
  policyId: string;
  /** Absent when the problem is in the policy itself rather than in one of its rules. */
  ruleId?: string;
  /** Dotted path inside the policy or rule, e.g. `pattern`, `scope.departments[1]`, `keywords[3]`. */
  field: string;
  message: string;
}

export function describeProblem(problem: PolicyProblem): string {
  const rule = problem.ruleId === undefined ? '' : ` rule "${problem.ruleId}"`;
  return `policy "${problem.policyId}"${rule} field "${problem.field}": ${problem.message}`;
}

/** Every problem found in one compile, so an author fixes them in one round. */
export class PolicyCompileError extends DomainError {
  constructor(readonly problems: readonly PolicyProblem[]) {
    super('invalid_request', problems.map(describeProblem).join('; '), { problems });
    this.name = 'PolicyCompileError';
  }
}
