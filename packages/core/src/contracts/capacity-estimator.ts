import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { CycleState } from '../scheduler/cycle-state';
import { token } from './token';

/**
 * How many more replicas of the binding each cluster can take. Several may be registered under
 * {@link CAPACITY_ESTIMATORS}; the scheduler takes the minimum per cluster. A cluster left out of
 * the answer is unbounded by this estimator.
 * @public
 */
export interface CapacityEstimator {
  readonly name: string;
  maxAvailableReplicas(binding: Binding, clusters: readonly Cluster[], state?: CycleState): Promise<ReadonlyMap<string, number>>;
}

/** @public */
export const CAPACITY_ESTIMATORS = token<CapacityEstimator>('CapacityEstimators');
