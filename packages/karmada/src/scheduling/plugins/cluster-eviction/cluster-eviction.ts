import { Status, evictingClusters, type Binding, type Cluster, type CycleState, type FilterPlugin, type PluginRegistration } from '@lifeboat/core';
import { CLUSTER_EVICTION } from '../names';
import { expectNoArgs } from '../no-args';

/** Rejection reason (core's explanation puts the count first: `1 cluster(s) is in the process of eviction`). @public */
export const REASON_CLUSTER_EVICTING = 'is in the process of eviction';

/**
 * Rejects clusters named in the binding's eviction tasks, so replicas being moved away are not
 * placed back until the task is finished.
 * @public
 */
export class ClusterEviction implements FilterPlugin {
  readonly name = CLUSTER_EVICTION;

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    return evictingClusters(binding).has(cluster.metadata.name) ? Status.unschedulable(REASON_CLUSTER_EVICTING) : Status.success;
  }
}

/** Registers {@link ClusterEviction} (no args). @public */
export const clusterEvictionRegistration: PluginRegistration = {
  name: CLUSTER_EVICTION,
  factory: (args) => {
    expectNoArgs(CLUSTER_EVICTION, args);
    return new ClusterEviction();
  },
};
