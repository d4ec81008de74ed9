import type { Severity } from '@chatvault/contracts';
import { maxSeverity, type EngineHit } from './engine-hit';

/**
 * Counts in a window starting at the first increment and returns the count after this one; the
 * service backs it with `Cache.increment` so every replica shares the count.
 */
export type WindowCounter = (key: string, windowMs: number) => Promise<number>;

export interface RateRuleSpec {
  policyId: string;
  policyVersion: number;
  ruleId: string;
  /** The category whose hits are counted. */
  counts: string;
  threshold: number;
  windowMinutes: number;
  escalateTo: Severity;
}

/**
 * N messages with hits of a category from one employee within a window raise the severity of
 * that category's hits from then on. Kept apart from the pure classifier because it has state.
 */
export class RateEscalator {
  constructor(
    private readonly rules: readonly RateRuleSpec[],
    private readonly counter: WindowCounter,
  ) {}

  /** Counts each message once per rule; returns the hits with escalated severities. */
  async escalate(hits: readonly EngineHit[], employeeId: string | undefined): Promise<EngineHit[]> {
    const result = hits.map((hit) => ({ ...hit }));
    if (!employeeId) return result;
    for (const rule of this.rules) {
      const counted = result.filter((hit) => hit.policyId === rule.policyId && hit.category === rule.counts);
      if (counted.length === 0) continue;
      const key = `rate:${rule.policyId}@${rule.policyVersion}:${rule.ruleId}:${employeeId}`;
      const count = await this.counter(key, rule.windowMinutes * 60_000);
      if (count < rule.threshold) continue;
      for (const hit of counted) {
        hit.severity = maxSeverity(hit.severity, rule.escalateTo);
        hit.escalation = { ruleId: rule.ruleId, count, windowMinutes: rule.windowMinutes };
      }
    }
    return result;
  }
}
