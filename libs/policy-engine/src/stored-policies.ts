import { compilePolicies, type CompileOptions } from './compile-policies';
import { DEFAULT_POLICY_PACK } from './default-pack';
import type { PolicyClassifier } from './policy-classifier';
import type { PolicyInput } from './policy-schema';

/** A policy as the store keeps it: the store's id, version and switch win over the document's. */
export interface StoredPolicy {
  policyId: string;
  version: number;
  enabled: boolean;
  /** The policy document as JSON. */
  document: string;
}

export function policyDocumentOf(stored: StoredPolicy): unknown {
  const document: unknown = JSON.parse(stored.document);
  return { ...(document as object), id: stored.policyId, version: stored.version, enabled: stored.enabled };
}

export function compileStoredPolicies(stored: readonly StoredPolicy[], options?: CompileOptions): PolicyClassifier {
  return compilePolicies(stored.map(policyDocumentOf), options);
}

/** The default pack as first versions, for a store that holds no policy yet. */
export function defaultPackAsStored(): StoredPolicy[] {
  return DEFAULT_POLICY_PACK.map((policy: PolicyInput) => ({
    policyId: policy.id,
    version: 1,
    enabled: policy.enabled ?? true,
    document: JSON.stringify({ ...policy, version: 1 }),
  }));
}
