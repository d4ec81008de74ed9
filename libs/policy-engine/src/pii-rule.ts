import type { Severity } from '@chatvault/contracts';
import type { HitBuilder } from './hit-builder';
import type { PiiFinding } from './pii-detectors';
import type { PolicyRuntime, RuleGate } from './policy-runtime';
import type { PiiDetector } from './policy-schema';

/** Reports the PII its detectors found; detection runs once per text for all PII rules together. */
export class PiiRuleRuntime {
  readonly kind = 'pii';

  constructor(
    readonly index: number,
    readonly id: string,
    readonly policy: PolicyRuntime,
    readonly gate: RuleGate,
    readonly detectors: ReadonlySet<PiiDetector>,
    /** Mask what these detectors find in every excerpt, whichever rule the excerpt is for. */
    readonly mask: boolean,
    private readonly category: string,
    private readonly severity: Severity,
  ) {}

  evaluate(findings: readonly PiiFinding[], hits: HitBuilder): void {
    for (const finding of findings) {
      if (this.detectors.has(finding.detector)) hits.add(this.id, this.policy, this.category, this.severity, [finding.start, finding.end]);
    }
  }
}
