import type { Severity } from '@chatvault/contracts';
import { maxSeverity, type EngineHit, type HitSource } from './engine-hit';
import { excerptAround } from './excerpt';
import type { PolicyRuntime } from './policy-runtime';

interface DraftHit {
  ruleId: string;
  policy: PolicyRuntime;
  category: string;
  severity: Severity;
  spans: Array<[number, number]>;
}

/** Gathers spans per rule and category: one hit each, listing every span, at its highest severity. */
export class HitBuilder {
  private readonly drafts = new Map<string, DraftHit>();

  add(ruleId: string, policy: PolicyRuntime, category: string, severity: Severity, span: [number, number] | undefined): void {
    const key = `${policy.index}\u0000${ruleId}\u0000${category}`;
    const draft = this.drafts.get(key);
    if (!draft) {
      this.drafts.set(key, { ruleId, policy, category, severity, spans: span ? [span] : [] });
      return;
    }
    draft.severity = maxSeverity(draft.severity, severity);
    if (span && !draft.spans.some(([s, e]) => s === span[0] && e === span[1])) draft.spans.push(span);
  }

  get size(): number {
    return this.drafts.size;
  }

  /** `excerptText` is the source text with PII masked (same length), or a description for non-text rules. */
  finish(excerptText: string, source: HitSource, into: EngineHit[]): void {
    for (const draft of this.drafts.values()) {
      const spans = draft.spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      into.push({
        ruleId: draft.ruleId,
        category: draft.category,
        severity: draft.severity,
        spans,
        excerpt: spans.length > 0 ? excerptAround(excerptText, spans[0]) : excerptAround(excerptText, undefined),
        policyId: draft.policy.id,
        policyVersion: draft.policy.version,
        source,
      });
    }
    this.drafts.clear();
  }
}
