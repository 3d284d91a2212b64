import {
  findCondition,
  matchesClusterSelector,
  type Cluster,
  type Condition,
} from '@lifeboat/core';
import type { ClusterTaintPolicy, MatchCondition } from './cluster-taint-policy';

/** What one policy wants on one cluster. @public */
export type PolicyVerdict = 'add' | 'remove' | 'none';

function conditionMatches(
  conditions: readonly Condition[] | undefined,
  match: MatchCondition,
): boolean {
  const condition = findCondition(conditions, match.conditionType);
  if (!condition) return false;
  const listed = match.statusValues.includes(condition.status);
  return match.operator === 'In' ? listed : !listed;
}

function allMatch(
  conditions: readonly Condition[] | undefined,
  matches: readonly MatchCondition[] | undefined,
): boolean {
  return !!matches && matches.length > 0 && matches.every((m) => conditionMatches(conditions, m));
}

/**
 * Whether `policy` adds or removes its taints on `cluster`. When both condition lists match,
 * removal wins (Karmada applies the add and then the remove).
 * @public
 */
export function evaluateTaintPolicy(policy: ClusterTaintPolicy, cluster: Cluster): PolicyVerdict {
  if (policy.targetClusters && !matchesClusterSelector(policy.targetClusters, cluster))
    return 'none';
  const conditions = cluster.status?.conditions;
  if (allMatch(conditions, policy.removeOnConditions)) return 'remove';
  if (allMatch(conditions, policy.addOnConditions)) return 'add';
  return 'none';
}

/** Policies oldest first, ties by name, so conflicting policies resolve the same way every time. @public */
export function sortTaintPolicies(policies: readonly ClusterTaintPolicy[]): ClusterTaintPolicy[] {
  return [...policies].sort(
    (a, b) =>
      (a.creationTimestamp ?? -Infinity) - (b.creationTimestamp ?? -Infinity) ||
      a.name.localeCompare(b.name),
  );
}
