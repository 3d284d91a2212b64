import type { FilterPlugin, PluginRegistration } from '../../contracts/scheduler-plugins';
import type { Binding } from '../../model/binding';
import type { Cluster } from '../../model/cluster';
import type { CycleState } from '../cycle-state';
import { expectNoArgs } from '../no-args';
import { Status } from '../status';

/** The name of {@link ClusterEviction} (Karmada's plugin of that name). @public */
export const CLUSTER_EVICTION = 'ClusterEviction';

/** Rejection reason (the explanation puts the count first: `1 cluster(s) is in the process of eviction`). @public */
export const REASON_CLUSTER_EVICTING = 'is in the process of eviction';

// One frozen status for every rejection (statuses are immutable).
const EVICTING = Status.unschedulable(REASON_CLUSTER_EVICTING);

/**
 * Filter: rejects the clusters named in the binding's eviction tasks, so replicas being moved
 * away are not placed back there until the task is finished (Karmada's `ClusterEviction`). Core
 * ships it because eviction tasks are core's model, written by the eviction controller for every
 * flavour; both flavours enable it in their default profiles. The scheduler has no rule of its
 * own about evicting clusters: a profile without this plugin (or another filter with the same
 * effect) may place replicas back on a cluster they are being evicted from.
 * @public
 */
export class ClusterEviction implements FilterPlugin {
  readonly name = CLUSTER_EVICTION;

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    const tasks = binding.spec.evictionTasks;
    if (!tasks || tasks.length === 0) return Status.success;
    const name = cluster.metadata.name;
    return tasks.some((t) => t.fromCluster === name) ? EVICTING : Status.success;
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

/** Registers {@link ClusterEviction} (it takes no args). @public */
export const clusterEvictionRegistration: PluginRegistration = {
  name: CLUSTER_EVICTION,
  factory: (args) => {
    expectNoArgs(args);
    return new ClusterEviction();
  },
};
