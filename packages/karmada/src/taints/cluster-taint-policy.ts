import type { ClusterSelector, ConditionStatus, TaintEffect } from '@lifeboat/core';

/**
 * One condition test of a ClusterTaintPolicy: `In` holds when the cluster has a condition of
 * `conditionType` whose status is listed; `NotIn` when it has one whose status is not listed. A
 * missing condition never matches either operator.
 * @public
 */
export interface MatchCondition {
  readonly conditionType: string;
  readonly operator: 'In' | 'NotIn';
  readonly statusValues: readonly ConditionStatus[];
}

/** A taint a policy manages; identity is key plus effect. @public */
export interface PolicyTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

/**
 * Karmada's `ClusterTaintPolicy` (policy.karmada.io/v1alpha1): on the clusters `targetClusters`
 * selects (all when absent), add `taints` when every `addOnConditions` entry matches and remove
 * them when every `removeOnConditions` entry matches. Empty condition lists never match.
 * @public
 */
export interface ClusterTaintPolicy {
  readonly name: string;
  /** Orders policies, oldest first (ms since the epoch; absent sorts first, then by name). */
  readonly creationTimestamp?: number;
  readonly targetClusters?: ClusterSelector;
  readonly addOnConditions?: readonly MatchCondition[];
  readonly removeOnConditions?: readonly MatchCondition[];
  readonly taints: readonly PolicyTaint[];
}
