import type { Cluster } from '../model/cluster';
import type { Condition } from '../model/condition';
import { token } from './token';

/** What a detector concluded about one cluster. @public */
export interface HealthObservation {
  /**
   * The Ready condition to hold now (`type: 'Ready'`). `undefined` leaves the stored condition as
   * it is (e.g. Clusternet keeps the agent's own verdict while heartbeats are fresh).
   */
  readonly ready?: Condition;
  /** Other status fields to write with it (e.g. `readyz: false` when heartbeats stopped). */
  readonly status?: Partial<NonNullable<Cluster['status']>>;
  /** When to check this cluster again, in ms from now. */
  readonly recheckAfterMs: number;
}

/**
 * Turns raw signals (a probe, a heartbeat, a lease) into a cluster's Ready condition, with
 * whatever debouncing the implementation does. Called by the health controller for each cluster
 * when it appears, when it changes, and `recheckAfterMs` after the previous call. It must not
 * write to the store; the controller writes the observation.
 * @public
 */
export interface HealthDetector {
  check(cluster: Cluster): Promise<HealthObservation>;
  /** The cluster left the fleet: drop anything kept for it. */
  forget?(clusterName: string): void;
}

/** @public */
export const HEALTH_DETECTOR = token<HealthDetector>('HealthDetector');
