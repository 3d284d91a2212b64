import {
  Status,
  expectNoArgs,
  filterByAntiAffinityGroup,
  workloadGroupEquivalenceKey,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
  type WorkloadGroupView,
} from '@lifeboat/core';
import { KARMADA_PLUGIN_NAMES } from '../names';
import { REASON_NO_GROUP_VIEW } from '../workload-affinity/workload-affinity';

/** Rejection reason (Karmada's wording). @public */
export const REASON_ANTI_AFFINITY_GROUP_HERE =
  'cluster already has workload with the same anti-affinity group';

const REJECTIONS = {
  breaksGroup: Status.unschedulable(REASON_ANTI_AFFINITY_GROUP_HERE),
  noView: Status.unschedulable(REASON_NO_GROUP_VIEW),
};

/**
 * Karmada's `WorkloadAntiAffinity` filter: a binding of an anti-affinity group
 * (`spec.workloadAffinityGroups.antiAffinityGroup`, namespace-scoped) may not take a cluster
 * another workload of its group targets, so the group's workloads run apart. A cluster the
 * binding already uses passes (the plugin never removes a placement); the first of a group
 * passes everywhere.
 * @public
 */
export class WorkloadAntiAffinity implements FilterPlugin {
  readonly name = KARMADA_PLUGIN_NAMES.WorkloadAntiAffinity;

  constructor(private readonly groups: WorkloadGroupView | undefined) {}

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    return filterByAntiAffinityGroup(this.groups, binding, cluster, REJECTIONS);
  }

  /** Without a group every cluster passes; with one the verdict depends on the group's placements. */
  equivalenceKey(binding: Binding): string | undefined {
    return workloadGroupEquivalenceKey(binding.spec.workloadAffinityGroups?.antiAffinityGroup);
  }
}

/** Registers {@link WorkloadAntiAffinity} (no args; reads the handle's `workloadGroups`). @public */
export const workloadAntiAffinityRegistration: PluginRegistration = {
  name: KARMADA_PLUGIN_NAMES.WorkloadAntiAffinity,
  factory: (args, handle) => {
    expectNoArgs(args);
    return new WorkloadAntiAffinity(handle.workloadGroups);
  },
};
