import { matchesClusterSelector, type Binding, type ScoredCluster } from '@lifeboat/core';

/**
 * Where the per-subscriber `subGroupStrategy.minClusters` of a subscription parsed with
 * `schedulingBySubGroup` travels: a JSON array aligned with `placement.clusterAffinity` (core's
 * placement has one `minClusters` only). Without it, `placement.minClusters` applies to every
 * subscriber.
 * @public
 */
export const SUBGROUP_MIN_CLUSTERS_ANNOTATION = 'apps.clusternet.io/subgroup-min-clusters';

/** The per-subscriber `minClusters`, or undefined when the binding is not scheduled by subgroup. @public */
export function subgroupMinClusters(binding: Binding): readonly number[] | undefined {
  const selectors = binding.spec.placement.clusterAffinity ?? [];
  const annotation = binding.metadata.annotations?.[SUBGROUP_MIN_CLUSTERS_ANNOTATION];
  if (annotation !== undefined) {
    const parsed: unknown = JSON.parse(annotation);
    if (
      !Array.isArray(parsed) ||
      parsed.length !== selectors.length ||
      !parsed.every((n) => Number.isInteger(n) && n >= 0)
    ) {
      throw new Error(
        `annotation ${SUBGROUP_MIN_CLUSTERS_ANNOTATION} must list one non-negative integer per subscriber (${selectors.length}), got ${annotation}`,
      );
    }
    return parsed as number[];
  }
  const min = binding.spec.placement.minClusters;
  return min === undefined ? undefined : selectors.map(() => min);
}

/**
 * Clusternet's subgroup selection: for each subscriber in order, the first `minClusters` of the
 * candidates it selects. Candidates the binding is already bound to come first, then score
 * order with ties by name, so the choice is deterministic and a spare that replaced a failed
 * cluster stays after the failed one recovers (Clusternet re-ranks by score alone, with random
 * ties). A cluster chosen by two subscribers appears once (Clusternet lists it twice). Without
 * subgroups every candidate is kept.
 * @public
 */
export function selectSubgroups(
  binding: Binding,
  candidates: readonly ScoredCluster[],
): readonly ScoredCluster[] {
  const mins = subgroupMinClusters(binding);
  if (!mins) return candidates;
  const selectors = binding.spec.placement.clusterAffinity ?? [];
  const bound = new Set((binding.spec.clusters ?? []).map((t) => t.name));
  const preferred = [
    ...candidates.filter((c) => bound.has(c.cluster.metadata.name)),
    ...candidates.filter((c) => !bound.has(c.cluster.metadata.name)),
  ];
  const chosen = new Set<ScoredCluster>();
  selectors.forEach((selector, i) => {
    let left = mins[i] as number;
    for (const candidate of preferred) {
      if (left <= 0) break;
      if (!matchesClusterSelector(selector, candidate.cluster)) continue;
      chosen.add(candidate);
      left--;
    }
  });
  return candidates.filter((c) => chosen.has(c));
}
