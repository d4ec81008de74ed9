import { Injectable } from '@nestjs/common';
import { DomainError } from '@chatvault/platform';
import type { PolicyClassifier } from '@chatvault/policy-engine';

/**
 * The compiled policies every classifier of this process uses, loaded from the store at start.
 * Replaced wholesale, so a classification in flight finishes on the version it started with.
 */
@Injectable()
export class ActivePolicies {
  private compiled?: PolicyClassifier;

  get current(): PolicyClassifier {
    if (!this.compiled) throw new DomainError('unavailable', 'the policies are not loaded yet');
    return this.compiled;
  }

  get loaded(): boolean {
    return this.compiled !== undefined;
  }

  /** The version of each loaded policy, by id. */
  versionOf(policyId: string): number {
    return this.compiled?.policies.find((p) => p.id === policyId)?.version ?? 0;
  }

  replace(next: PolicyClassifier): void {
    this.compiled = next;
  }
}
