import {
  Status,
  describeTaint,
  findUntoleratedTaint,
  structuralKey,
  expectNoArgs,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
} from '@lifeboat/core';
import { KARMADA_PLUGIN_NAMES } from '../names';

/**
 * Rejection reason prefix; the taint follows as `{key: value}`. Core's explanation puts the count
 * first: `2 cluster(s) had untolerated taint {k: v}`.
 * @public
 */
export const REASON_UNTOLERATED_TAINT = 'had untolerated taint';

/**
 * Rejects a cluster with a NoSchedule or NoExecute taint that `placement.clusterTolerations`
 * does not tolerate. A cluster the binding already uses passes whatever its taints: NoSchedule
 * only keeps new replicas away, and leaving a cluster is the taint manager's decision, so a
 * scale-up during a short outage does not move replicas (Karmada behaves the same).
 * @public
 */
export class TaintToleration implements FilterPlugin {
  readonly name = KARMADA_PLUGIN_NAMES.TaintToleration;

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    const name = cluster.metadata.name;
    if (binding.spec.clusters?.some((t) => t.name === name)) return Status.success;
    const taint = findUntoleratedTaint(
      cluster.spec.taints ?? [],
      binding.spec.placement.clusterTolerations ?? [],
      (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
    );
    return taint
      ? Status.unschedulable(`${REASON_UNTOLERATED_TAINT} ${describeTaint(taint)}`)
      : Status.success;
  }

  /** The verdict depends on the placement's tolerations ... */
  equivalenceKey(binding: Binding): string {
    return structuralKey(binding.spec.placement.clusterTolerations);
  }

  /** ... except on the clusters the binding already uses, which pass whatever their taints. */
  bindingSpecificClusters(binding: Binding): string[] | undefined {
    return binding.spec.clusters?.map((t) => t.name);
  }
}

/** Registers {@link TaintToleration} (no args). @public */
export const taintTolerationRegistration: PluginRegistration = {
  name: KARMADA_PLUGIN_NAMES.TaintToleration,
  factory: (args) => {
    expectNoArgs(args);
    return new TaintToleration();
  },
};
