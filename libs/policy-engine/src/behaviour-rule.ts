import type { Severity } from '@chatvault/contracts';
import type { KeywordAutomaton } from './keyword-automaton';
import type { HitBuilder } from './hit-builder';
import type { MessageFacts } from './message-facts';
import type { PolicyRuntime, RuleGate } from './policy-runtime';
import type { QrKind } from './policy-schema';

/** What a behaviour rule may ask of a message beyond its facts, computed lazily by the classifier. */
export interface BehaviourContext {
  facts: MessageFacts;
  amountFen(): number | undefined;
  fileName(): string | undefined;
  qrKinds(): ReadonlySet<QrKind>;
}

export interface BehaviourConditions {
  actions?: ReadonlySet<string>;
  toExternal?: boolean;
  minFen?: number;
  maxFen?: number;
  fileName?: KeywordAutomaton;
  outsideWorkingHours?: boolean;
  qr?: ReadonlySet<QrKind>;
}

/** Message type, direction and metadata conditions, all of which must hold. */
export class BehaviourRuleRuntime {
  readonly kind = 'behaviour';

  constructor(
    readonly index: number,
    readonly id: string,
    readonly policy: PolicyRuntime,
    readonly gate: RuleGate,
    private readonly conditions: BehaviourConditions,
    private readonly category: string,
    private readonly severity: Severity,
  ) {}

  evaluate(context: BehaviourContext, hits: HitBuilder): void {
    if (this.holds(context)) hits.add(this.id, this.policy, this.category, this.severity, undefined);
  }

  private holds({ facts, amountFen, fileName, qrKinds }: BehaviourContext): boolean {
    const c = this.conditions;
    if (c.actions && !c.actions.has(facts.action)) return false;
    if (c.toExternal !== undefined && c.toExternal !== facts.toExternal) return false;
    if (c.outsideWorkingHours !== undefined) {
      const working = this.policy.hours!.contains(facts.msgtime);
      if (working === c.outsideWorkingHours) return false;
    }
    if (c.minFen !== undefined || c.maxFen !== undefined) {
      const amount = amountFen();
      if (amount === undefined || amount < (c.minFen ?? 0) || amount > (c.maxFen ?? Infinity)) return false;
    }
    if (c.fileName) {
      const name = fileName();
      if (name === undefined || !c.fileName.test(name)) return false;
    }
    if (c.qr) {
      const kinds = qrKinds();
      if (![...c.qr].some((kind) => kinds.has(kind))) return false;
    }
    return true;
  }
}
