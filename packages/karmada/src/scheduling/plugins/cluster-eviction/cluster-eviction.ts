import {
  Status,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
} from '@lifeboat/core';
import { KARMADA_PLUGIN_NAMES } from '../names';
import { expectNoArgs } from '../no-args';

/** Rejection reason (core's explanation puts the count first: `1 cluster(s) is in the process of eviction`). @public */
export const REASON_CLUSTER_EVICTING = 'is in the process of eviction';

/**
 * Rejects clusters named in the binding's eviction tasks, so replicas being moved away are not
 * placed back until the task is finished.
 * @public
 */
export class ClusterEviction implements FilterPlugin {
  readonly name = KARMADA_PLUGIN_NAMES.ClusterEviction;

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    const tasks = binding.spec.evictionTasks;
    if (!tasks || tasks.length === 0) return Status.success;
    const name = cluster.metadata.name;
    return tasks.some((t) => t.fromCluster === name)
      ? Status.unschedulable(REASON_CLUSTER_EVICTING)
      : Status.success;
  }

  /** Every cluster passes for every binding ... */
  equivalenceKey(): string {
    return '';
  }

  /** ... except the ones this binding is being evicted from. */
  bindingSpecificClusters(binding: Binding): string[] | undefined {
    return binding.spec.evictionTasks?.map((t) => t.fromCluster);
  }
}

/** Registers {@link ClusterEviction} (no args). @public */
export const clusterEvictionRegistration: PluginRegistration = {
  name: KARMADA_PLUGIN_NAMES.ClusterEviction,
  factory: (args) => {
    expectNoArgs(KARMADA_PLUGIN_NAMES.ClusterEviction, args);
    return new ClusterEviction();
  },
};
