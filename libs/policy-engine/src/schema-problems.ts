import type { z } from 'zod';
import type { PolicyProblem } from './policy-compile-error';
import { RULE_KINDS } from './policy-schema';

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;

/** Zod's issues for one policy document, located by policy id, rule id and field. */
export function schemaProblems(raw: unknown, position: number, issues: readonly Issue[]): PolicyProblem[] {
  const policyId = idOf(raw) ?? `#${position}`;
  return issues.map((issue) => locate(raw, policyId, specific(issue)));
}

/** A union's own message says little; the branch that got furthest names the real field. */
function specific(issue: Issue): { path: Path; message: string; raw: Issue } {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const deepest = issue.errors
      .flat()
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest) return { path: [...issue.path, ...deepest.path], message: deepest.message, raw: issue };
  }
  return { path: issue.path, message: issue.message, raw: issue };
}

function locate(raw: unknown, policyId: string, { path, message, raw: issue }: { path: Path; message: string; raw: Issue }): PolicyProblem {
  if (path[0] === 'rules' && typeof path[1] === 'number') {
    const rule = (raw as { rules?: unknown[] } | undefined)?.rules?.[path[1]];
    const ruleId = idOf(rule) ?? `#${path[1]}`;
    const field = formatPath(path.slice(2));
    if (issue.code === 'invalid_union' && field === 'kind') {
      const kind = (rule as { kind?: unknown } | undefined)?.kind;
      return { policyId, ruleId, field, message: `unknown rule kind ${JSON.stringify(kind)}; expected one of ${RULE_KINDS.join(', ')}` };
    }
    return { policyId, ruleId, field: field || '(rule)', message };
  }
  return { policyId, field: formatPath(path) || '(policy)', message };
}

function idOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

export function formatPath(path: Path): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
