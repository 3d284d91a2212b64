import type { Cluster } from './cluster';
import { matchesLabelSelector } from './label-selector';
import type { ClusterFieldSelectorRequirement, ClusterSelector } from './placement';

function fieldValues(
  cluster: Cluster,
  key: ClusterFieldSelectorRequirement['key'],
): readonly string[] {
  if (key === 'zone') return cluster.spec.zones ?? [];
  const value = cluster.spec[key];
  return value === undefined ? [] : [value];
}

/**
 * Whether `selector` selects `cluster`: every part given must hold (names, labels, fields) and
 * `exclude` removes names; an empty selector selects every cluster. A field `In` requirement
 * holds when any of the cluster's values (zones are several) is listed; `NotIn` when none is.
 * @public
 */
export function matchesClusterSelector(selector: ClusterSelector, cluster: Cluster): boolean {
  const name = cluster.metadata.name;
  if (selector.clusterNames?.length && !selector.clusterNames.includes(name)) return false;
  if (selector.exclude?.includes(name)) return false;
  if (
    selector.labelSelector &&
    !matchesLabelSelector(selector.labelSelector, cluster.metadata.labels ?? {})
  )
    return false;
  for (const requirement of selector.fieldSelector?.matchExpressions ?? []) {
    const hit = fieldValues(cluster, requirement.key).some((v) => requirement.values.includes(v));
    if (requirement.operator === 'In' ? !hit : hit) return false;
  }
  return true;
}
