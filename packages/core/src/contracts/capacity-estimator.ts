import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { CycleState } from '../scheduler/cycle-state';
import { multiToken } from './token';

/**
 * How many more replicas of the binding each cluster can take. Several may be registered under
 * {@link CAPACITY_ESTIMATORS}; the scheduler takes the minimum per cluster. A cluster left out of
 * the answer is unbounded by this estimator.
 * @public
 */
export interface CapacityEstimator {
  readonly name: string;
  maxAvailableReplicas(
    binding: Binding,
    clusters: readonly Cluster[],
    state?: CycleState,
  ): Promise<ReadonlyMap<string, number>>;
  /**
   * Optional: a string naming everything of the binding the answer depends on (e.g. the
   * per-replica request), so bindings with equal keys share one answer per cluster state;
   * `undefined` (or no method) estimates for every binding. The answer must depend on nothing
   * else (not on time, not on cycle state).
   */
  equivalenceKey?(binding: Binding): string | undefined;
}

/** @public */
export const CAPACITY_ESTIMATORS = multiToken<CapacityEstimator>('CapacityEstimators');
