import {
  MAX_CLUSTER_SCORE,
  MIN_CLUSTER_SCORE,
  expectNoArgs,
  type Binding,
  type Cluster,
  type CycleState,
  type PluginRegistration,
  type ScorePlugin,
} from '@lifeboat/core';
import { KARMADA_PLUGIN_NAMES } from '../names';

/**
 * Scores 100 for a cluster the binding already uses and 0 otherwise, so existing placements
 * are preferred when clusters are selected.
 * @public
 */
export class ClusterLocality implements ScorePlugin {
  readonly name = KARMADA_PLUGIN_NAMES.ClusterLocality;

  score(_state: CycleState, binding: Binding, cluster: Cluster): number {
    const name = cluster.metadata.name;
    return binding.spec.clusters?.some((t) => t.name === name)
      ? MAX_CLUSTER_SCORE
      : MIN_CLUSTER_SCORE;
  }

  /** Every cluster scores the same for every binding ... */
  equivalenceKey(): string {
    return '';
  }

  /** ... except the ones this binding already uses. */
  bindingSpecificClusters(binding: Binding): string[] | undefined {
    return binding.spec.clusters?.map((t) => t.name);
  }
}

/** Registers {@link ClusterLocality} (no args). @public */
export const clusterLocalityRegistration: PluginRegistration = {
  name: KARMADA_PLUGIN_NAMES.ClusterLocality,
  factory: (args) => {
    expectNoArgs(args);
    return new ClusterLocality();
  },
};
