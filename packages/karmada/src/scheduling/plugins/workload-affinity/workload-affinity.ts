import {
  Status,
  expectNoArgs,
  filterByAffinityGroup,
  workloadGroupEquivalenceKey,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
  type WorkloadGroupView,
} from '@lifeboat/core';
import { KARMADA_PLUGIN_NAMES } from '../names';

/** Rejection reason (Karmada's wording). @public */
export const REASON_AFFINITY_GROUP_ELSEWHERE =
  'ResourceBinding with the same affinity group does not target this cluster';

/** Rejection reason when the framework was built without a workload group view. @public */
export const REASON_NO_GROUP_VIEW = 'no workload group view to check workload groups against';

const REJECTIONS = {
  breaksGroup: Status.unschedulable(REASON_AFFINITY_GROUP_ELSEWHERE),
  noView: Status.unschedulable(REASON_NO_GROUP_VIEW),
};

/**
 * Karmada's `WorkloadAffinity` filter: a binding of an affinity group
 * (`spec.workloadAffinityGroups.affinityGroup`, namespace-scoped) may only take a cluster that
 * every placed workload of its group targets. A cluster the binding already uses passes (the
 * plugin never removes a placement), and a binding whose group has no placed workload passes
 * everywhere (the first of a group is not held back). Unlike Karmada, a workload's targets on a
 * cluster its group is leaving (an open eviction task of any member) do not pin the group there,
 * so a group can leave a failed cluster instead of deadlocking on it (Karmada #7479).
 * @public
 */
export class WorkloadAffinity implements FilterPlugin {
  readonly name = KARMADA_PLUGIN_NAMES.WorkloadAffinity;

  constructor(private readonly groups: WorkloadGroupView | undefined) {}

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    return filterByAffinityGroup(this.groups, binding, cluster, REJECTIONS);
  }

  /** Without a group every cluster passes; with one the verdict depends on the group's placements. */
  equivalenceKey(binding: Binding): string | undefined {
    return workloadGroupEquivalenceKey(binding.spec.workloadAffinityGroups?.affinityGroup);
  }
}

/** Registers {@link WorkloadAffinity} (no args; reads the handle's `workloadGroups`). @public */
export const workloadAffinityRegistration: PluginRegistration = {
  name: KARMADA_PLUGIN_NAMES.WorkloadAffinity,
  factory: (args, handle) => {
    expectNoArgs(args);
    return new WorkloadAffinity(handle.workloadGroups);
  },
};
