import type { Severity } from '@chatvault/contracts';
import type { HitBuilder } from './hit-builder';
import type { PolicyRuntime, RuleGate } from './policy-runtime';
import type { SafeRegex } from './safe-regex';
import { TermRole, type RuleMatch } from './term-table';

/** A regular expression, run only when one of its trigger terms occurred (or always, without any). */
export class RegexRuleRuntime {
  readonly kind = 'regex';

  constructor(
    readonly index: number,
    readonly id: string,
    readonly policy: PolicyRuntime,
    readonly gate: RuleGate,
    private readonly regex: SafeRegex,
    private readonly category: string,
    private readonly severity: Severity,
    readonly hasTrigger: boolean,
  ) {}

  /** `regexText` is foldForRegex(text). */
  evaluate(regexText: string, matches: readonly RuleMatch[], hits: HitBuilder): void {
    if (this.hasTrigger && !matches.some((m) => m.role === TermRole.Trigger)) return;
    const allows = matches.filter((m) => m.role === TermRole.Allow);
    for (const span of this.regex.spans(regexText)) {
      if (allows.some((a) => a.start < span[1] && span[0] < a.end)) continue;
      hits.add(this.id, this.policy, this.category, this.severity, span);
    }
  }
}
