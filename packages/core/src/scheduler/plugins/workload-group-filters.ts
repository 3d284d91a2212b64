import type { WorkloadGroupView } from '../../contracts/workload-groups';
import type { Binding } from '../../model/binding';
import type { Cluster } from '../../model/cluster';
import { Status } from '../status';

/**
 * The statuses a workload-group filter rejects with, in its flavour's wording.
 * @public
 */
export interface WorkloadGroupRejections {
  /** The cluster breaks the group's rule (affinity: the group runs elsewhere; anti-affinity: it runs here). */
  readonly breaksGroup: Status;
  /** The framework was built without a workload group view, so the group cannot be checked. */
  readonly noView: Status;
}

/** A cluster the binding already uses always passes: a group filter never removes a placement. */
function alreadyTargets(binding: Binding, cluster: Cluster): boolean {
  const name = cluster.metadata.name;
  return binding.spec.clusters?.some((t) => t.name === name) ?? false;
}

/**
 * The verdict of an affinity-group filter (Karmada's `WorkloadAffinity`, Clusternet's
 * subscription feeds): a binding of an affinity group may take only a cluster where its placed
 * peers run; the first of a group, and a binding without a group, pass everywhere.
 * @public
 */
export function filterByAffinityGroup(
  groups: WorkloadGroupView | undefined,
  binding: Binding,
  cluster: Cluster,
  rejections: WorkloadGroupRejections,
): Status {
  if (!binding.spec.workloadAffinityGroups?.affinityGroup || alreadyTargets(binding, cluster)) {
    return Status.success;
  }
  if (!groups) return rejections.noView;
  const shared = groups.affinityClusters(binding);
  return !shared || shared.has(cluster.metadata.name) ? Status.success : rejections.breaksGroup;
}

/**
 * The verdict of an anti-affinity-group filter (Karmada's `WorkloadAntiAffinity`): a binding of an
 * anti-affinity group may not take a cluster another workload of its group targets.
 * @public
 */
export function filterByAntiAffinityGroup(
  groups: WorkloadGroupView | undefined,
  binding: Binding,
  cluster: Cluster,
  rejections: WorkloadGroupRejections,
): Status {
  if (!binding.spec.workloadAffinityGroups?.antiAffinityGroup || alreadyTargets(binding, cluster)) {
    return Status.success;
  }
  if (!groups) return rejections.noView;
  return groups.antiAffinityClusters(binding).has(cluster.metadata.name)
    ? rejections.breaksGroup
    : Status.success;
}

/**
 * The equivalence key of a group filter: bindings without the group share one verdict (every
 * cluster passes); a grouped binding's verdict depends on its peers' placements, so it is not shared.
 * @public
 */
export function workloadGroupEquivalenceKey(group: string | undefined): string | undefined {
  return group ? undefined : '';
}
