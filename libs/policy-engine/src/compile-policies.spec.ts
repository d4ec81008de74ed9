import { describe, expect, it } from 'vitest';
import { chatMessage } from '@chatvault/testing';
import { compilePolicies } from './compile-policies';
import { DEFAULT_POLICY_PACK } from './default-pack';
import { PolicyCompileError, type PolicyProblem } from './policy-compile-error';
import type { PolicyInput, RuleInput } from './policy-schema';

function policy(rules: RuleInput[], extra: Partial<PolicyInput> = {}): PolicyInput {
  return { id: 'p1', version: 3, name: 'test', severity: 'medium', categories: ['deal', 'pii'], rules, ...extra };
}

function problemsOf(documents: unknown[], options?: { departments?: string[] }): PolicyProblem[] {
  try {
    compilePolicies(documents, options);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyCompileError);
    return [...(error as PolicyCompileError).problems];
  }
  throw new Error('expected the policies to be rejected');
}

describe('compilePolicies', () => {
  it('compiles the default pack', () => {
    const classifier = compilePolicies(DEFAULT_POLICY_PACK);
    expect(classifier.policies.map((p) => p.id)).toEqual(['default-conduct', 'default-customer-signals', 'default-behaviour', 'default-pii']);
    expect(Object.isFrozen(classifier.policies)).toBe(true);
    expect(classifier.rateRules.map((r) => r.ruleId)).toEqual(['repeat-off-platform', 'repeat-abuse', 'bulk-deletion']);
  });

  it('rejects an invalid regex naming the rule and field', () => {
    expect(problemsOf([policy([{ id: 'bad-regex', kind: 'regex', category: 'deal', pattern: '(unclosed' }])])).toEqual([
      { policyId: 'p1', ruleId: 'bad-regex', field: 'pattern', message: expect.stringMatching(/^invalid regular expression: .*missing \)/) },
    ]);
  });

  it('rejects an unknown rule kind naming the rule and field', () => {
    expect(problemsOf([policy([{ id: 'odd', kind: 'sentiment' } as unknown as RuleInput])])).toEqual([
      { policyId: 'p1', ruleId: 'odd', field: 'kind', message: expect.stringContaining('unknown rule kind "sentiment"') },
    ]);
  });

  it('rejects a reference to a missing lexicon', () => {
    expect(problemsOf([policy([{ id: 'words', kind: 'lexicon', category: 'deal', lexicons: ['nope'] }])])).toContainEqual({
      policyId: 'p1',
      ruleId: 'words',
      field: 'lexicons[0]',
      message: 'lexicon "nope" does not exist in this policy',
    });
  });

  it('rejects a scope naming a department that does not exist', () => {
    const document = policy([{ id: 'words', kind: 'lexicon', category: 'deal', keywords: ['飞单'] }], { scope: { departments: ['sales', 'ghost'] } });
    expect(problemsOf([document], { departments: ['sales'] })).toEqual([
      { policyId: 'p1', field: 'scope.departments[1]', message: 'department "ghost" does not exist' },
    ]);
  });

  it('rejects an empty keyword list, and a keyword that is only separators', () => {
    expect(problemsOf([policy([{ id: 'empty', kind: 'lexicon', category: 'deal', keywords: [] }])])).toEqual([
      { policyId: 'p1', ruleId: 'empty', field: 'keywords', message: 'the rule has no keywords and no proximity pairs' },
    ]);
    expect(problemsOf([policy([{ id: 'stars', kind: 'lexicon', category: 'deal', keywords: ['飞单', '***'] }])])).toEqual([
      { policyId: 'p1', ruleId: 'stars', field: 'keywords[1]', message: expect.stringContaining('no characters left') },
    ]);
    expect(problemsOf([policy([], { lexicons: [{ id: 'none', keywords: [] }] })])).toEqual([
      { policyId: 'p1', field: 'lexicons[0].keywords', message: 'lexicon "none" has no keywords' },
    ]);
  });

  it('rejects a category the policy does not report and a rule id used twice, listing every problem', () => {
    const problems = problemsOf([
      policy([
        { id: 'a', kind: 'lexicon', category: 'typo', keywords: ['飞单'] },
        { id: 'a', kind: 'pii', category: 'pii', detectors: ['mobile'] },
        { id: 'late', kind: 'behaviour', category: 'deal', outsideWorkingHours: true },
      ]),
    ]);
    expect(problems.map((p) => `${p.ruleId} ${p.field}`)).toEqual(['a category', 'a id', 'late outsideWorkingHours']);
  });

  it('reports schema problems by policy, rule and field', () => {
    const problems = problemsOf([policy([{ id: 'r', kind: 'pii', category: 'pii', detectors: ['passport' as 'mobile'] }]), { id: 'p2' }]);
    expect(problems).toContainEqual(expect.objectContaining({ policyId: 'p1', ruleId: 'r', field: 'detectors[0]' }));
    expect(problems).toContainEqual(expect.objectContaining({ policyId: 'p2', field: 'version' }));
  });

  it('names the problems in the error message', () => {
    expect(() => compilePolicies([policy([{ id: 'bad-regex', kind: 'regex', category: 'deal', pattern: '(' }])])).toThrow(
      /policy "p1" rule "bad-regex" field "pattern": invalid regular expression/,
    );
  });

  it('rejects two policies with one id', () => {
    const ok = policy([{ id: 'w', kind: 'lexicon', category: 'deal', keywords: ['飞单'] }]);
    expect(problemsOf([ok, ok])).toEqual([{ policyId: 'p1', field: 'id', message: 'policy id "p1" is used twice' }]);
  });

  it('compiles 10,000 keywords', () => {
    const keywords = Array.from({ length: 10_000 }, (_, i) => `词${i.toString(36)}语${i}`);
    const classifier = compilePolicies([policy([{ id: 'big', kind: 'lexicon', category: 'deal', keywords }])]);
    expect(classifier.classify({ message: chatMessage({ text: `今天说到词${(9999).toString(36)}语9999了` }) })).toHaveLength(1);
  });
});
