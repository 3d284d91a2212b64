import { matchesLabelSelector, type Cluster, type ClusterFieldSelectorRequirement, type ClusterSelector } from '@lifeboat/core';

function fieldValues(cluster: Cluster, key: ClusterFieldSelectorRequirement['key']): readonly string[] {
  switch (key) {
    case 'provider':
      return cluster.spec.provider ? [cluster.spec.provider] : [];
    case 'region':
      return cluster.spec.region ? [cluster.spec.region] : [];
    case 'zone':
      return cluster.spec.zones ?? [];
  }
}

function matchesField(cluster: Cluster, requirement: ClusterFieldSelectorRequirement): boolean {
  const values = fieldValues(cluster, requirement.key);
  // A cluster in several zones matches `In` when any zone is listed and `NotIn` only when none is.
  const listed = values.some((v) => requirement.values.includes(v));
  return requirement.operator === 'In' ? listed : !listed;
}

/**
 * Whether `selector` selects `cluster` (Karmada `ClusterMatches`): `exclude` always wins; every
 * non-empty part (names, labels, fields) must hold; an empty selector selects every cluster.
 * @public
 */
export function clusterMatches(cluster: Cluster, selector: ClusterSelector): boolean {
  const name = cluster.metadata.name;
  if (selector.exclude?.includes(name)) return false;
  if (selector.clusterNames && selector.clusterNames.length > 0 && !selector.clusterNames.includes(name)) return false;
  if (selector.labelSelector && !matchesLabelSelector(selector.labelSelector, cluster.metadata.labels ?? {})) return false;
  for (const requirement of selector.fieldSelector?.matchExpressions ?? []) {
    if (!matchesField(cluster, requirement)) return false;
  }
  return true;
}
