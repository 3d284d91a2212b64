import { matchesLabelSelector, type Cluster, type ClusterSelector } from '@lifeboat/core';

/**
 * Whether `selector` selects `cluster`: every part given must hold (names, labels, fields) and
 * `exclude` removes names; an empty selector selects every cluster.
 * @public
 */
export function matchesClusterSelector(selector: ClusterSelector, cluster: Cluster): boolean {
  const name = cluster.metadata.name;
  if (selector.clusterNames?.length && !selector.clusterNames.includes(name)) return false;
  if (selector.exclude?.includes(name)) return false;
  if (selector.labelSelector && !matchesLabelSelector(selector.labelSelector, cluster.metadata.labels ?? {})) return false;
  for (const requirement of selector.fieldSelector?.matchExpressions ?? []) {
    const values = fieldValues(cluster, requirement.key);
    const hit = values.some((v) => requirement.values.includes(v));
    if (requirement.operator === 'In' ? !hit : hit) return false;
  }
  return true;
}

function fieldValues(cluster: Cluster, key: 'provider' | 'region' | 'zone'): readonly string[] {
  if (key === 'zone') return cluster.spec.zones ?? [];
  const value = cluster.spec[key];
  return value === undefined ? [] : [value];
}
