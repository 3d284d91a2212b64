import {
  CycleState,
  type Binding,
  type CapacityEstimator,
  type Cluster,
  type EnabledPlugin,
} from '@lifeboat/core';
import type { PredictPlugin, PrePredictPlugin } from './extension-points';

/** The predict points, as a profile enables them (e.g. `SchedulerFramework.pluginsAt`). @public */
export interface PredictPoints {
  pluginsAt<P extends PrePredictPlugin | PredictPlugin>(point: string): readonly EnabledPlugin<P>[];
}

/** Told about each predict call, for metrics. @public */
export type PredictObserver = (
  plugin: string,
  cluster: string,
  outcome: 'success' | 'skip' | 'error',
) => void;

/**
 * Clusternet's PrePredict and Predict points as a core `CapacityEstimator`, for dynamic
 * dividing bindings only (others are not predicted, as in Clusternet). Clusters are predicted in
 * parallel; the answers are merged as Clusternet's `mergeFeedReplicas` does: the smallest answer
 * counts, and a cluster that any predict plugin leaves without a number (`Skip`, an error, or a
 * success without `maxAvailableReplicas`) is unpredicted, whatever the other plugins said. An
 * unpredicted cluster is left out of the answer (unbounded to core; the dynamic assigner then
 * lets it take every replica asked).
 * @public
 */
export class PredictCapacityEstimator implements CapacityEstimator {
  readonly name = 'ClusternetPredict';

  constructor(
    private readonly points: PredictPoints,
    private readonly observe?: PredictObserver,
  ) {}

  /**
   * Bindings that are not predicted share the empty answer; predicted ones share answers when
   * every enabled prePredict and predict plugin names what its answer depends on.
   */
  equivalenceKey(binding: Binding): string | undefined {
    const scheduling = binding.spec.placement.replicaScheduling;
    if (scheduling.type !== 'Divided' || scheduling.division !== 'DynamicWeight')
      return 'unpredicted';
    let key = '';
    for (const point of ['prePredict', 'predict'] as const) {
      for (const { plugin } of this.points.pluginsAt<PrePredictPlugin | PredictPlugin>(point)) {
        const part = plugin.equivalenceKey?.(binding);
        if (part === undefined) return undefined;
        key += `${plugin.name}:${part}\u0000`;
      }
    }
    return key;
  }

  async maxAvailableReplicas(
    binding: Binding,
    clusters: readonly Cluster[],
    cycle?: CycleState,
  ): Promise<ReadonlyMap<string, number>> {
    const answer = new Map<string, number>();
    const scheduling = binding.spec.placement.replicaScheduling;
    if (scheduling.type !== 'Divided' || scheduling.division !== 'DynamicWeight') return answer;
    const state = cycle ?? new CycleState();
    const skipped = new Set<string>();
    for (const { plugin } of this.points.pluginsAt<PrePredictPlugin>('prePredict')) {
      const status = await plugin.prePredict(state, binding, clusters);
      if (status.isSkip()) skipped.add(plugin.name);
      else if (!status.isSuccess()) return answer;
    }
    const predictors = this.points
      .pluginsAt<PredictPlugin>('predict')
      .filter(({ plugin }) => !skipped.has(plugin.name));
    await Promise.all(
      clusters.map(async (cluster) => {
        const name = cluster.metadata.name;
        let merged: number | undefined;
        let unpredicted = predictors.length === 0;
        // Every plugin is asked (and observed) even once the cluster is unpredicted, as in Clusternet.
        for (const { plugin } of predictors) {
          const result = await plugin.predict(state, binding, cluster);
          const outcome = result.status.isSuccess()
            ? 'success'
            : result.status.isSkip()
              ? 'skip'
              : 'error';
          this.observe?.(plugin.name, name, outcome);
          if (outcome !== 'success' || result.maxAvailableReplicas === undefined)
            unpredicted = true;
          else merged = Math.min(merged ?? Number.POSITIVE_INFINITY, result.maxAvailableReplicas);
        }
        if (!unpredicted && merged !== undefined) answer.set(name, merged);
      }),
    );
    // Insert in cluster order so the map iterates deterministically whatever the answer order.
    return new Map(
      clusters
        .filter((c) => answer.has(c.metadata.name))
        .map((c) => [c.metadata.name, answer.get(c.metadata.name) as number]),
    );
  }
}
