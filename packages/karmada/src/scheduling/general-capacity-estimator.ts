import {
  replicasThatFit,
  subtractResources,
  type Binding,
  type CapacityEstimator,
  type Cluster,
  type ClusterStatus,
  type ResourceList,
} from '@lifeboat/core';

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
  /** Per request and cluster name, what fits into the status it was computed from (a newer status is computed again). */
  private readonly answers = new Map<
    string,
    Map<string, { readonly status: ClusterStatus; readonly fit: number }>
  >();
  /** Whole answers per candidate list: the scheduler hands the same list to bindings that share a placement. */
  private readonly lists = new WeakMap<
    readonly Cluster[],
    Map<string, ReadonlyMap<string, number>>
  >();

  async maxAvailableReplicas(
    binding: Binding,
    clusters: readonly Cluster[],
  ): Promise<ReadonlyMap<string, number>> {
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

  private answer(
    clusters: readonly Cluster[],
    request: ResourceList,
    key: string,
  ): ReadonlyMap<string, number> {
    const answer = new Map<string, number>();
    let byName = this.answers.get(key);
    if (!byName) {
      byName = new Map();
      this.answers.set(key, byName);
    }
    for (const cluster of clusters) {
      const status = cluster.status;
      if (!status?.allocatable) continue;
      const name = cluster.metadata.name;
      const known = byName.get(name);
      let fit: number;
      if (known?.status === status) fit = known.fit;
      else {
        fit = Math.max(
          0,
          replicasThatFit(subtractResources(status.allocatable, status.allocated ?? {}), request),
        );
        byName.set(name, { status, fit });
      }
      if (Number.isFinite(fit)) answer.set(name, fit);
    }
    return answer;
  }
}
