import type { Severity } from '@chatvault/contracts';
import { hasClauseBreak } from './clause-break';
import type { HitBuilder } from './hit-builder';
import type { PolicyRuntime, RuleGate } from './policy-runtime';
import { TermRole, type RuleMatch } from './term-table';

export interface LexiconEntry {
  category: string;
  severity: Severity;
}

export interface ProximityPair extends LexiconEntry {
  within: number;
  ordered: boolean;
}

export interface NegationWindow {
  beforeWithin: number;
  afterWithin: number;
}

type Span = Pick<RuleMatch, 'start' | 'end'>;

/**
 * Keywords and proximity pairs of one rule, judged on the occurrences the shared automaton found.
 * An allow phrase overlapping a hit cancels it; so does a negator (严禁, 禁止…) just before or after it
 * in the same clause: a manager's reminder quoting a forbidden word is not the misconduct.
 */
export class LexiconRuleRuntime {
  readonly kind = 'lexicon';

  constructor(
    readonly index: number,
    readonly id: string,
    readonly policy: PolicyRuntime,
    readonly gate: RuleGate,
    private readonly entries: readonly LexiconEntry[],
    private readonly pairs: readonly ProximityPair[],
    private readonly negation: NegationWindow | undefined,
  ) {}

  evaluate(text: string, matches: readonly RuleMatch[], hits: HitBuilder): void {
    const exceptions = matches.filter((m) => m.role === TermRole.NegatorException);
    const cancelling = matches.filter(
      (m) =>
        m.role === TermRole.Allow ||
        ((m.role === TermRole.NegatorBefore || m.role === TermRole.NegatorAfter) && !exceptions.some((e) => e.start < m.end && m.start < e.end)),
    );
    for (const match of matches) {
      if (match.role !== TermRole.Keyword || this.cancelled(text, match, cancelling)) continue;
      const entry = this.entries[match.ref]!;
      hits.add(this.id, this.policy, entry.category, entry.severity, [match.start, match.end]);
    }
    if (this.pairs.length > 0) this.evaluatePairs(text, matches, cancelling, hits);
  }

  private evaluatePairs(text: string, matches: readonly RuleMatch[], cancelling: readonly RuleMatch[], hits: HitBuilder): void {
    this.pairs.forEach((pair, ref) => {
      const as = matches.filter((m) => m.role === TermRole.ProximityA && m.ref === ref);
      if (as.length === 0) return;
      const bs = matches.filter((m) => m.role === TermRole.ProximityB && m.ref === ref);
      for (const a of as) {
        for (const b of bs) {
          if (a.start < b.end && b.start < a.end) continue;
          if (pair.ordered && b.start < a.end) continue;
          const gap = b.start >= a.end ? b.start - a.end : a.start - b.end;
          if (gap > pair.within) continue;
          if (this.cancelled(text, a, cancelling) || this.cancelled(text, b, cancelling)) continue;
          hits.add(this.id, this.policy, pair.category, pair.severity, [a.start, a.end]);
          hits.add(this.id, this.policy, pair.category, pair.severity, [b.start, b.end]);
        }
      }
    });
  }

  private cancelled(text: string, span: Span, cancelling: readonly RuleMatch[]): boolean {
    const window = this.negation;
    for (const other of cancelling) {
      switch (other.role) {
        case TermRole.Allow:
          if (other.start < span.end && span.start < other.end) return true;
          break;
        case TermRole.NegatorBefore:
          if (other.end <= span.start && span.start - other.end <= window!.beforeWithin && !hasClauseBreak(text, other.end, span.start)) return true;
          break;
        case TermRole.NegatorAfter:
          if (other.start >= span.end && other.start - span.end <= window!.afterWithin && !hasClauseBreak(text, span.end, other.start)) return true;
          break;
      }
    }
    return false;
  }
}
