import { replicasThatFit, subtractResources, type Binding, type CapacityEstimator, type Cluster, type ClusterStatus, type ResourceList } from '@lifeboat/core';

/** Name of {@link GeneralCapacityEstimator}. @public */
export const GENERAL_ESTIMATOR = 'General';

function requestKey(request: ResourceList): string {
  return Object.keys(request)
    .sort()
    .map((name) => `${name}=${(request[name] as ResourceList[string]).nanos}`)
    .join(',');
}

/**
 * Karmada's always-on general estimator: how many more replicas of the binding fit into a
 * cluster's `status.allocatable` minus `status.allocated` (the minimum over the resources one
 * replica requests, and `pods` when listed). Clusters that report no allocatable resources are
 * left out (unbounded).
 *
 * Answers are remembered per cluster status object and replica request, and whole answers per
 * candidate list and request: stored objects and the lists the scheduler passes are immutable
 * snapshots, so a changed cluster arrives as a new object (and a new list) and is computed again,
 * while bindings with the same request and candidates (most of a fleet) share one answer.
 * @public
 */
export class GeneralCapacityEstimator implements CapacityEstimator {
  readonly name = GENERAL_ESTIMATOR;
  /** Per request, what fits into each cluster status (one weak lookup per cluster). */
  private readonly answers = new Map<string, WeakMap<ClusterStatus, number>>();
  /** Whole answers per candidate list: the scheduler hands the same list to bindings that share a placement. */
  private readonly lists = new WeakMap<readonly Cluster[], Map<string, ReadonlyMap<string, number>>>();

  async maxAvailableReplicas(binding: Binding, clusters: readonly Cluster[]): Promise<ReadonlyMap<string, number>> {
    const request = binding.spec.replicaRequirements?.resourceRequest ?? {};
    const key = requestKey(request);
    let byRequest = this.lists.get(clusters);
    if (!byRequest) {
      byRequest = new Map();
      this.lists.set(clusters, byRequest);
    }
    let answer = byRequest.get(key);
    if (!answer) {
      answer = this.answer(clusters, request, key);
      byRequest.set(key, answer);
    }
    return answer;
  }

  /** The answer depends on the per-replica request only (core shares it between such bindings). */
  equivalenceKey(binding: Binding): string {
    return requestKey(binding.spec.replicaRequirements?.resourceRequest ?? {});
  }

  private answer(clusters: readonly Cluster[], request: ResourceList, key: string): ReadonlyMap<string, number> {
    const answer = new Map<string, number>();
    let byStatus = this.answers.get(key);
    if (!byStatus) {
      byStatus = new WeakMap();
      this.answers.set(key, byStatus);
    }
    for (const cluster of clusters) {
      const status = cluster.status;
      if (!status?.allocatable) continue;
      let fit = byStatus.get(status);
      if (fit === undefined) {
        fit = Math.max(0, replicasThatFit(subtractResources(status.allocatable, status.allocated ?? {}), request));
        byStatus.set(status, fit);
      }
      if (Number.isFinite(fit)) answer.set(cluster.metadata.name, fit);
    }
    return answer;
  }
}
