import type { Severity } from '@chatvault/contracts';
import { BehaviourRuleRuntime, type BehaviourConditions } from './behaviour-rule';
import { foldString } from './char-fold';
import { EventRuleRuntime } from './event-rule';
import { KeywordAutomaton } from './keyword-automaton';
import { keywordVariants } from './keyword-variants';
import { LexiconRuleRuntime, type LexiconEntry, type ProximityPair } from './lexicon-rule';
import type { PolicyProblem } from './policy-compile-error';
import { PolicyRuntime, RuleGate } from './policy-runtime';
import type { BehaviourRule, EventRule, Keyword, LexiconRule, PiiRule, Policy, RateRule, RegexRule, Rule } from './policy-schema';
import { PiiRuleRuntime } from './pii-rule';
import type { RateRuleSpec } from './rate-escalator';
import { RegexRuleRuntime } from './regex-rule';
import { SafeRegex } from './safe-regex';
import { TermRole, type TermTable } from './term-table';

export type TextRuleRuntime = LexiconRuleRuntime | RegexRuleRuntime | PiiRuleRuntime;

/** What the compilers of all policies add to; becomes the classifier once nothing is wrong. */
export interface ClassifierParts {
  policies: PolicyRuntime[];
  terms: TermTable;
  /** Indexed by rule index; holes for rules that are not text rules. */
  textRules: Array<TextRuleRuntime | undefined>;
  behaviourRules: BehaviourRuleRuntime[];
  eventRules: EventRuleRuntime[];
  rateRules: RateRuleSpec[];
  ruleCount: number;
}

/**
 * Checks one validated policy for what a schema cannot see (references, categories, regex syntax,
 * keywords that fold to nothing) and, when the policy and rule are enabled, adds their runtimes.
 */
export class PolicyCompiler {
  private readonly categories: ReadonlySet<string>;
  private readonly lexicons: ReadonlyMap<string, readonly Keyword[]>;
  private readonly runtime: PolicyRuntime;
  private ruleId = '';

  constructor(
    private readonly policy: Policy,
    private readonly knownDepartments: ReadonlySet<string> | undefined,
    private readonly problems: PolicyProblem[],
    private readonly parts: ClassifierParts,
  ) {
    this.categories = new Set(policy.categories);
    this.lexicons = new Map(policy.lexicons.map((lexicon) => [lexicon.id, lexicon.keywords]));
    this.runtime = new PolicyRuntime(parts.policies.length, policy);
  }

  compile(): void {
    const before = this.problems.length;
    this.checkPolicy();
    const seen = new Set<string>();
    for (const rule of this.policy.rules) {
      this.ruleId = rule.id;
      if (seen.has(rule.id)) this.problem('id', `rule id "${rule.id}" is used twice in this policy`);
      seen.add(rule.id);
      const index = this.parts.ruleCount;
      const added = this.compileRule(rule, index, this.policy.enabled && rule.enabled && this.problems.length === before);
      if (added) this.parts.ruleCount++;
    }
    if (this.policy.enabled) this.parts.policies.push(this.runtime);
  }

  private checkPolicy(): void {
    const { scope, schedule, activeDuring, lexicons } = this.policy;
    scope.departments?.forEach((department, i) => {
      if (this.knownDepartments && !this.knownDepartments.has(department)) {
        this.policyProblem(`scope.departments[${i}]`, `department "${department}" does not exist`);
      }
    });
    if (activeDuring !== 'always' && !schedule) this.policyProblem('activeDuring', `"${activeDuring}" needs a schedule`);
    const ids = new Set<string>();
    lexicons.forEach((lexicon, i) => {
      if (ids.has(lexicon.id)) this.policyProblem(`lexicons[${i}].id`, `lexicon id "${lexicon.id}" is used twice`);
      ids.add(lexicon.id);
      if (lexicon.keywords.length === 0) this.policyProblem(`lexicons[${i}].keywords`, `lexicon "${lexicon.id}" has no keywords`);
    });
  }

  /** Returns whether a runtime was added (and so took the index). */
  private compileRule(rule: Rule, index: number, enabled: boolean): boolean {
    switch (rule.kind) {
      case 'lexicon':
        return this.lexiconRule(rule, index, enabled);
      case 'regex':
        return this.regexRule(rule, index, enabled);
      case 'pii':
        return this.piiRule(rule, index, enabled);
      case 'behaviour':
        return this.behaviourRule(rule, index, enabled);
      case 'event':
        return this.eventRule(rule, index, enabled);
      case 'rate':
        return this.rateRule(rule, enabled);
    }
  }

  private lexiconRule(rule: LexiconRule, index: number, enabled: boolean): boolean {
    const before = this.problems.length;
    const sources: Array<{ field: string; keywords: readonly Keyword[] }> = [];
    rule.lexicons?.forEach((id, i) => {
      const keywords = this.lexicons.get(id);
      if (!keywords) this.problem(`lexicons[${i}]`, `lexicon "${id}" does not exist in this policy`);
      else sources.push({ field: `lexicons[${i}]:${id}.keywords`, keywords });
    });
    if (rule.keywords) sources.push({ field: 'keywords', keywords: rule.keywords });
    const total = sources.reduce((n, s) => n + s.keywords.length, 0);
    if (total === 0 && !rule.proximity?.length) this.problem('keywords', 'the rule has no keywords and no proximity pairs');
    if (rule.category) this.checkCategory('category', rule.category);

    const entries: LexiconEntry[] = [];
    const terms: Array<{ folded: string; role: TermRole; ref: number }> = [];
    for (const { field, keywords } of sources) {
      keywords.forEach((keyword, i) => {
        const spec = typeof keyword === 'string' ? { keyword } : keyword;
        const category = spec.category ?? rule.category;
        if (!category) return this.problem(`${field}[${i}]`, `keyword "${spec.keyword}" has no category and the rule names none`);
        if (spec.category) this.checkCategory(`${field}[${i}].category`, spec.category);
        const variants = keywordVariants(spec.keyword, { pinyin: spec.pinyin ?? rule.pinyin, initials: spec.initials ?? rule.initials });
        if (variants[0] === '') return this.problem(`${field}[${i}]`, `keyword "${spec.keyword}" has no characters left after removing separators`);
        const ref = entries.length;
        entries.push({ category, severity: spec.severity ?? this.severityOf(rule) });
        for (const folded of variants) terms.push({ folded, role: TermRole.Keyword, ref });
      });
    }
    const pairs: ProximityPair[] = [];
    rule.proximity?.forEach((pair, i) => {
      const category = pair.category ?? rule.category;
      if (!category) return this.problem(`proximity[${i}].category`, 'the pair has no category and the rule names none');
      if (pair.category) this.checkCategory(`proximity[${i}].category`, pair.category);
      const ref = pairs.length;
      pairs.push({ category, severity: pair.severity ?? this.severityOf(rule), within: pair.within, ordered: pair.ordered });
      terms.push(...this.termList(`proximity[${i}].a`, pair.a, TermRole.ProximityA, ref));
      terms.push(...this.termList(`proximity[${i}].b`, pair.b, TermRole.ProximityB, ref));
    });
    terms.push(...this.termList('allow', rule.allow, TermRole.Allow, 0));
    terms.push(...this.termList('negators.before', rule.negators?.before, TermRole.NegatorBefore, 0));
    terms.push(...this.termList('negators.after', rule.negators?.after, TermRole.NegatorAfter, 0));
    terms.push(...this.termList('negators.except', rule.negators?.except, TermRole.NegatorException, 0));
    if (!enabled || this.problems.length > before) return false;

    for (const term of terms) this.parts.terms.add(term.folded, { rule: index, role: term.role, ref: term.ref });
    const negation = rule.negators && { beforeWithin: rule.negators.beforeWithin, afterWithin: rule.negators.afterWithin };
    this.parts.textRules[index] = new LexiconRuleRuntime(index, rule.id, this.runtime, new RuleGate(rule), entries, pairs, negation);
    return true;
  }

  private regexRule(rule: RegexRule, index: number, enabled: boolean): boolean {
    const before = this.problems.length;
    const category = this.requireCategory(rule);
    let regex: SafeRegex | undefined;
    try {
      regex = new SafeRegex(rule.pattern);
    } catch (error) {
      this.problem('pattern', `invalid regular expression: ${(error as Error).message}`);
    }
    const terms = [...this.termList('trigger', rule.trigger, TermRole.Trigger, 0), ...this.termList('allow', rule.allow, TermRole.Allow, 0)];
    if (rule.trigger?.length === 0) this.problem('trigger', 'an empty trigger list would never run the regex; leave it out to always run');
    if (!enabled || this.problems.length > before || !regex || !category) return false;
    for (const term of terms) this.parts.terms.add(term.folded, { rule: index, role: term.role, ref: term.ref });
    const hasTrigger = (rule.trigger?.length ?? 0) > 0;
    this.parts.textRules[index] = new RegexRuleRuntime(index, rule.id, this.runtime, new RuleGate(rule), regex, category, this.severityOf(rule), hasTrigger);
    return true;
  }

  private piiRule(rule: PiiRule, index: number, enabled: boolean): boolean {
    const category = this.requireCategory(rule);
    if (!enabled || !category) return false;
    const detectors = new Set(rule.detectors);
    this.parts.textRules[index] = new PiiRuleRuntime(index, rule.id, this.runtime, new RuleGate(rule), detectors, rule.mask, category, this.severityOf(rule));
    return true;
  }

  private behaviourRule(rule: BehaviourRule, index: number, enabled: boolean): boolean {
    const before = this.problems.length;
    const category = this.requireCategory(rule);
    const { actions, toExternal, amount, fileName, outsideWorkingHours, qr, msgtypes } = rule;
    if (!actions && toExternal === undefined && !amount && !fileName && outsideWorkingHours === undefined && !qr && !msgtypes) {
      this.problem('kind', 'a behaviour rule needs at least one condition (msgtypes, actions, toExternal, amount, fileName, outsideWorkingHours, qr)');
    }
    if (outsideWorkingHours !== undefined && !this.policy.schedule) this.problem('outsideWorkingHours', 'the policy has no schedule to tell working hours');
    if (amount && amount.minYuan !== undefined && amount.maxYuan !== undefined && amount.minYuan > amount.maxYuan) {
      this.problem('amount', `minYuan ${amount.minYuan} is above maxYuan ${amount.maxYuan}`);
    }
    if (fileName?.length === 0) this.problem('fileName', 'the file-name keyword list is empty');
    const fileTerms = this.termList('fileName', fileName, TermRole.Keyword, 0).map((t) => t.folded);
    if (!enabled || this.problems.length > before || !category) return false;
    const conditions: BehaviourConditions = {
      actions: actions && new Set(actions),
      toExternal,
      minFen: amount?.minYuan === undefined ? undefined : Math.round(amount.minYuan * 100),
      maxFen: amount?.maxYuan === undefined ? undefined : Math.round(amount.maxYuan * 100),
      fileName: fileTerms.length > 0 ? KeywordAutomaton.build([...new Set(fileTerms)]) : undefined,
      outsideWorkingHours,
      qr: qr && new Set(qr),
    };
    this.parts.behaviourRules.push(new BehaviourRuleRuntime(index, rule.id, this.runtime, new RuleGate(rule), conditions, category, this.severityOf(rule)));
    return true;
  }

  private eventRule(rule: EventRule, index: number, enabled: boolean): boolean {
    const category = this.requireCategory(rule);
    if (!enabled || !category) return false;
    this.parts.eventRules.push(new EventRuleRuntime(index, rule.id, this.runtime, rule.on, rule.minCount ?? 1, category, this.severityOf(rule)));
    return true;
  }

  private rateRule(rule: RateRule, enabled: boolean): boolean {
    if (!this.categories.has(rule.counts)) this.problem('counts', `category "${rule.counts}" is not among the policy's categories`);
    if (rule.category) this.checkCategory('category', rule.category);
    if (!enabled || !this.categories.has(rule.counts)) return false;
    const { counts, threshold, windowMinutes, escalateTo } = rule;
    this.parts.rateRules.push({ policyId: this.policy.id, policyVersion: this.policy.version, ruleId: rule.id, counts, threshold, windowMinutes, escalateTo });
    return false;
  }

  private termList(field: string, terms: readonly string[] | undefined, role: TermRole, ref: number): Array<{ folded: string; role: TermRole; ref: number }> {
    const out: Array<{ folded: string; role: TermRole; ref: number }> = [];
    terms?.forEach((term, i) => {
      const folded = foldString(term);
      if (folded === '') this.problem(`${field}[${i}]`, `"${term}" has no characters left after removing separators`);
      else out.push({ folded, role, ref });
    });
    return out;
  }

  private requireCategory(rule: Rule): string | undefined {
    if (!rule.category) {
      this.problem('category', `a ${rule.kind} rule needs a category`);
      return undefined;
    }
    return this.checkCategory('category', rule.category) ? rule.category : undefined;
  }

  private checkCategory(field: string, category: string): boolean {
    if (this.categories.has(category)) return true;
    this.problem(field, `category "${category}" is not among the policy's categories (${this.policy.categories.join(', ')})`);
    return false;
  }

  private severityOf(rule: Rule): Severity {
    return rule.severity ?? this.policy.severity;
  }

  private problem(field: string, message: string): void {
    this.problems.push({ policyId: this.policy.id, ruleId: this.ruleId, field, message });
  }

  private policyProblem(field: string, message: string): void {
    this.problems.push({ policyId: this.policy.id, field, message });
  }
}
