import {
  Status,
  type AssignContext,
  type AssignResult,
  type Binding,
  type ScoredCluster,
  type SchedulingStrategy,
} from '@lifeboat/core';
import { SpreadSelectionCache } from './spread-selection-cache';
import { DUPLICATED_STRATEGY } from './strategy-names';

/**
 * `replicaSchedulingType: Duplicated`: every selected cluster runs all `spec.replicas`.
 * @public
 */
export class DuplicatedStrategy implements SchedulingStrategy {
  private readonly selections = new SpreadSelectionCache();
  readonly name = DUPLICATED_STRATEGY;

  appliesTo(binding: Binding): boolean {
    return binding.spec.placement.replicaScheduling.type === 'Duplicated';
  }

  assign(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult {
    const selection = this.selections.select(binding, candidates, context, false);
    if (selection.error !== undefined) return { status: Status.unschedulable(selection.error) };
    const clusters = selection.clusters
      .map((c) => ({ name: c.cluster.metadata.name, replicas: binding.spec.replicas }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { clusters };
  }
}
