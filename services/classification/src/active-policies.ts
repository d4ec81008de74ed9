import { Injectable } from '@nestjs/common';
import { compilePolicies, DEFAULT_POLICY_PACK, type PolicyClassifier } from '@chatvault/policy-engine';

/**
 * The compiled policies every classifier of this process uses. Starts with the default pack;
 * replaced wholesale, so a classification in flight finishes on the version it started with.
 */
@Injectable()
export class ActivePolicies {
  private compiled: PolicyClassifier = compilePolicies(DEFAULT_POLICY_PACK);

  get current(): PolicyClassifier {
    return this.compiled;
  }

  replace(next: PolicyClassifier): void {
    this.compiled = next;
  }
}
