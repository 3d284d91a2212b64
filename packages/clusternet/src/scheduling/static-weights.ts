import { matchesClusterSelector, type Binding, type Cluster } from '@lifeboat/core';

/**
 * A cluster's static weight as Clusternet computes it: the sum of the positive weights of every
 * subscriber (static weight rule) that selects it.
 * @public
 */
export function clusterWeight(binding: Binding, cluster: Cluster): number {
  const scheduling = binding.spec.placement.replicaScheduling;
  if (scheduling.type !== 'Divided' || scheduling.division !== 'StaticWeight') return 0;
  let weight = 0;
  for (const rule of scheduling.staticWeightList) {
    if (rule.weight > 0 && matchesClusterSelector(rule.targetCluster, cluster))
      weight += rule.weight;
  }
  return weight;
}
