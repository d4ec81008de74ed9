import type { Severity } from '@chatvault/contracts';

/** Where a hit's spans point: the message's text, or the text of the message it recalls. */
export type HitSource = 'text' | 'recalled';

/** A rule that fired. The service adds the hit id; spans are [start, end) into the source text. */
export interface EngineHit {
  ruleId: string;
  category: string;
  severity: Severity;
  spans: Array<[number, number]>;
  /** A window of the source text around the first span, PII masked; a description for non-text rules. */
  excerpt: string;
  policyId: string;
  policyVersion: number;
  source: HitSource;
  /** Set when a rate rule raised the severity. */
  escalation?: { ruleId: string; count: number; windowMinutes: number };
}

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}
