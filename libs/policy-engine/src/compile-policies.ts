import { PolicyClassifier } from './policy-classifier';
import { PolicyCompileError, type PolicyProblem } from './policy-compile-error';
import { PolicyCompiler, type ClassifierParts } from './policy-compiler';
import { policySchema, type Policy } from './policy-schema';
import { schemaProblems } from './schema-problems';
import { TermTable } from './term-table';

export interface CompileOptions {
  /** Department ids that exist; when given, a scope naming any other is rejected. */
  departments?: Iterable<string>;
}

/**
 * Validates policy documents and compiles them into one classifier. Throws PolicyCompileError
 * listing every problem (policy id, rule id, field) rather than compiling a partial policy set.
 */
export function compilePolicies(documents: readonly unknown[], options: CompileOptions = {}): PolicyClassifier {
  const problems: PolicyProblem[] = [];
  const policies: Policy[] = [];
  documents.forEach((document, position) => {
    const result = policySchema.safeParse(document);
    if (result.success) policies.push(result.data);
    else problems.push(...schemaProblems(document, position, result.error.issues));
  });
  const seen = new Set<string>();
  for (const policy of policies) {
    if (seen.has(policy.id)) problems.push({ policyId: policy.id, field: 'id', message: `policy id "${policy.id}" is used twice` });
    seen.add(policy.id);
  }
  const parts: ClassifierParts = { policies: [], terms: new TermTable(), textRules: [], behaviourRules: [], eventRules: [], rateRules: [], ruleCount: 0 };
  const departments = options.departments && new Set(options.departments);
  for (const policy of policies) new PolicyCompiler(policy, departments, problems, parts).compile();
  if (problems.length > 0) throw new PolicyCompileError(problems);
  return new PolicyClassifier(parts);
}
