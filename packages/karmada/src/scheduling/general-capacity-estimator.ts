import { replicasThatFit, subtractResources, type Binding, type CapacityEstimator, type Cluster } from '@lifeboat/core';

/** Name of {@link GeneralCapacityEstimator}. @public */
export const GENERAL_ESTIMATOR = 'General';

/**
 * Karmada's always-on general estimator: how many more replicas of the binding fit into a
 * cluster's `status.allocatable` minus `status.allocated` (the minimum over the resources one
 * replica requests, and `pods` when listed). Clusters that report no allocatable resources are
 * left out (unbounded).
 * @public
 */
export class GeneralCapacityEstimator implements CapacityEstimator {
  readonly name = GENERAL_ESTIMATOR;

  async maxAvailableReplicas(binding: Binding, clusters: readonly Cluster[]): Promise<ReadonlyMap<string, number>> {
    const request = binding.spec.replicaRequirements?.resourceRequest ?? {};
    const answer = new Map<string, number>();
    for (const cluster of clusters) {
      const allocatable = cluster.status?.allocatable;
      if (!allocatable) continue;
      const free = subtractResources(allocatable, cluster.status?.allocated ?? {});
      const fit = replicasThatFit(free, request);
      if (Number.isFinite(fit)) answer.set(cluster.metadata.name, Math.max(0, fit));
    }
    return answer;
  }
}
