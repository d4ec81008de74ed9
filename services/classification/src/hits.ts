import type { Hit } from '@chatvault/contracts';
import { counter } from '@chatvault/platform';
import type { EngineHit } from '@chatvault/policy-engine';

const hitsTotal = counter('chatvault_classification_hits_total', 'Rule hits', ['category', 'severity']);

/**
 * The engine's hits as published. A hit id names what was judged and by which rule, so a
 * redelivered message yields the same ids and alerting recognises them.
 */
export function publishedHits(subjectId: string, engineHits: readonly EngineHit[]): Hit[] {
  return engineHits.map((hit) => {
    hitsTotal.inc({ category: hit.category, severity: hit.severity });
    return {
      hitId: `${subjectId}:${hit.ruleId}${hit.source === 'recalled' ? ':recalled' : ''}`,
      ruleId: hit.ruleId,
      category: hit.category,
      severity: hit.severity,
      source: hit.source,
      spans: hit.spans,
      excerpt: hit.excerpt,
      policyId: hit.policyId,
      policyVersion: hit.policyVersion,
    };
  });
}

/** What the search index filters a message's hits on. */
export function facetsOf(hits: readonly Pick<Hit, 'ruleId' | 'category' | 'severity'>[]) {
  const distinct = <T>(values: T[]) => [...new Set(values)];
  return {
    ruleIds: distinct(hits.map((h) => h.ruleId)),
    categories: distinct(hits.map((h) => h.category)),
    severities: distinct(hits.map((h) => h.severity)),
  };
}
