import type { Binding, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { CycleState } from '../scheduler/cycle-state';
import type { Status } from '../scheduler/status';
import { multiToken } from './token';

/** A feasible cluster with its weighted total score. @public */
export interface ScoredCluster {
  readonly cluster: Cluster;
  readonly score: number;
}

/** What a strategy knows besides the candidates. @public */
export interface AssignContext {
  /** Replicas each candidate can still take (from the capacity estimators); absent = unbounded. */
  readonly availableReplicas: ReadonlyMap<string, number>;
  /** ms since the epoch. */
  readonly now: number;
  /** The cycle's shared plugin data (what filters and scores computed). */
  readonly state?: CycleState;
}

/** Either a placement or the reason there is none. @public */
export type AssignResult =
  | { readonly clusters: readonly TargetCluster[]; readonly status?: undefined }
  | { readonly status: Status; readonly clusters?: undefined };

/**
 * Divides a binding's replicas over the feasible clusters, which come sorted by score (highest
 * first, ties by name). Strategies are registered many times under {@link SCHEDULING_STRATEGIES};
 * the scheduler uses the last registered one whose `appliesTo` accepts the binding, so a user
 * replaces one division by registering theirs after the flavour. Must be deterministic: the same
 * inputs give the same result, tie-breaks included.
 * @public
 */
export interface SchedulingStrategy {
  readonly name: string;
  appliesTo(binding: Binding): boolean;
  assign(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult;
}

/** @public */
export const SCHEDULING_STRATEGIES = multiToken<SchedulingStrategy>('SchedulingStrategies');
