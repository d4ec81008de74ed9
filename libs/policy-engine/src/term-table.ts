import { KeywordAutomaton, type MatchSink } from './keyword-automaton';

/** What a term is to the rule that registered it. */
export const enum TermRole {
  Keyword,
  Allow,
  NegatorBefore,
  NegatorAfter,
  NegatorException,
  ProximityA,
  ProximityB,
  Trigger,
}

export interface TermUse {
  rule: number;
  role: TermRole;
  /** Keyword entry or proximity pair index within the rule. */
  ref: number;
}

export interface RuleMatch {
  role: TermRole;
  ref: number;
  start: number;
  end: number;
}

/**
 * Every term of every text rule in one automaton, so a message is scanned once however many
 * policies and rules there are; each occurrence is then handed to the rules that use the term.
 */
export class TermTable {
  private readonly index = new Map<string, number>();
  private readonly uses: TermUse[][] = [];

  /** `folded` must be non-empty and already folded. */
  add(folded: string, use: TermUse): void {
    let id = this.index.get(folded);
    if (id === undefined) {
      id = this.uses.length;
      this.index.set(folded, id);
      this.uses.push([]);
    }
    const list = this.uses[id]!;
    if (!list.some((u) => u.rule === use.rule && u.role === use.role && u.ref === use.ref)) list.push(use);
  }

  build(): TermMatcher {
    return new TermMatcher(KeywordAutomaton.build([...this.index.keys()]), this.uses);
  }
}

export class TermMatcher implements MatchSink {
  private buffer: Array<RuleMatch[] | undefined> = [];
  private touched: number[] = [];

  constructor(
    private readonly automaton: KeywordAutomaton,
    private readonly uses: readonly (readonly TermUse[])[],
  ) {}

  /**
   * Matches grouped by rule; `ruleCount` sizes the result. Returns the rules touched; read their
   * matches with `matchesOf` before the next call.
   */
  scan(text: string, ruleCount: number): readonly number[] {
    for (const rule of this.touched) this.buffer[rule] = undefined;
    this.touched = [];
    if (this.buffer.length < ruleCount) this.buffer.length = ruleCount;
    this.automaton.scan(text, this);
    return this.touched;
  }

  matchesOf(rule: number): readonly RuleMatch[] {
    return this.buffer[rule] ?? [];
  }

  match(pattern: number, start: number, end: number): void {
    for (const use of this.uses[pattern]!) {
      let list = this.buffer[use.rule];
      if (!list) {
        list = [];
        this.buffer[use.rule] = list;
        this.touched.push(use.rule);
      }
      list.push({ role: use.role, ref: use.ref, start, end });
    }
  }
}
