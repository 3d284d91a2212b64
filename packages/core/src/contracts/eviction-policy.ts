import type { Binding, EvictionTask } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { token } from './token';

/** The task fields a policy chooses; the controller fills in cluster, replicas and time. @public */
export type EvictionOrder = Omit<
  EvictionTask,
  'fromCluster' | 'replicas' | 'creationTimestamp' | 'clustersBeforeFailover'
>;

/** What to do about one binding on one cluster. @public */
export interface EvictionDecision {
  /** Leave now, with this task. */
  readonly evict?: EvictionOrder;
  /** Ask again at this time (ms since the epoch), e.g. when a toleration runs out. */
  readonly recheckAt?: number;
}

/** Whether an open eviction task is finished. @public */
export interface TaskReview {
  /** Remove the task: the old replicas go. */
  readonly done: boolean;
  /** Why, for events (`NewPlacementHealthy`, `GracePeriodExpired`, ...). */
  readonly reason?: string;
  /** Review again at this time (ms since the epoch). */
  readonly recheckAt?: number;
}

/**
 * Decides, per binding and cluster, whether the binding may stay (taints tolerated, until when)
 * and how it leaves (`Directly`, `Gracefully`, `Never`); and when an open task is finished. It
 * never deletes replicas: the eviction controller writes tasks on the binding and the actuator
 * acts on them.
 * @public
 */
export interface EvictionPolicy {
  /** Called for each cluster the binding targets when either changes or at `recheckAt`. */
  decide(binding: Binding, cluster: Cluster, now: number): EvictionDecision;
  /** Called for each open task when the binding changes or at `recheckAt`. */
  review(binding: Binding, task: EvictionTask, now: number): TaskReview;
  /** Most evictions started per second across the fleet; undefined or 0: no limit. */
  readonly evictionsPerSecond?: number;
}

/** @public */
export const EVICTION_POLICY = token<EvictionPolicy>('EvictionPolicy');
