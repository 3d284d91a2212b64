import type {
  AssignContext,
  AssignResult,
  Binding,
  ScoredCluster,
  SchedulingStrategy,
} from '@lifeboat/core';
import { assignDynamically } from './dynamic-strategy';
import { RankedCandidatesCache } from './ranked-candidates';
import { SpreadSelectionCache } from './spread-selection-cache';
import { DYNAMIC_WEIGHT_STRATEGY } from './strategy-names';

/**
 * `Divided` + `Weighted` with `dynamicWeight: AvailableReplicas`: missing replicas go to all
 * candidates in proportion to their free capacity; replicas on surviving clusters stay.
 * @public
 */
export class DynamicWeightStrategy implements SchedulingStrategy {
  private readonly ranked = new RankedCandidatesCache();
  private readonly selections = new SpreadSelectionCache();
  readonly name = DYNAMIC_WEIGHT_STRATEGY;

  appliesTo(binding: Binding): boolean {
    const scheduling = binding.spec.placement.replicaScheduling;
    return scheduling.type === 'Divided' && scheduling.division === 'DynamicWeight';
  }

  assign(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult {
    return assignDynamically(binding, candidates, context, false, this.ranked, this.selections);
  }
}
