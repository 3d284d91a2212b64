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
import { AGGREGATED_STRATEGY } from './strategy-names';

/**
 * `Divided` + `Aggregated`: missing replicas go to as few clusters as capacity allows, clusters
 * already used first, then the roomiest; replicas on surviving clusters stay.
 * @public
 */
export class AggregatedStrategy implements SchedulingStrategy {
  private readonly ranked = new RankedCandidatesCache();
  private readonly selections = new SpreadSelectionCache();
  readonly name = AGGREGATED_STRATEGY;

  appliesTo(binding: Binding): boolean {
    const scheduling = binding.spec.placement.replicaScheduling;
    return scheduling.type === 'Divided' && scheduling.division === 'Aggregated';
  }

  assign(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult {
    return assignDynamically(binding, candidates, context, true, this.ranked, this.selections);
  }
}
