import type { Cluster } from '../model/cluster';
import { token } from './token';

/** A part of the fleet whose health a guard judges as one: the whole fleet, or one region. @public */
export interface DisruptionScope {
  readonly kind: 'Fleet' | 'Region';
  /** The region, for `Region`. */
  readonly name?: string;
}

/** A scope whose evictions paused or resumed at an assessment. @public */
export interface GuardTransition {
  readonly scope: DisruptionScope;
  readonly paused: boolean;
  /** Clusters of the scope counted as not Ready (see {@link MassFailureGuard}). */
  readonly notReady: number;
  /** Clusters of the scope. */
  readonly clusters: number;
  /** Why, for the `EvictionsPaused` / `EvictionsResumed` event. */
  readonly message: string;
}

/**
 * Holds back new evictions while the fleet looks too sick for them to help (most clusters down
 * at once is more likely the control plane's own network than the members). The eviction
 * controller asks it before every eviction it starts; tasks already open carry on.
 *
 * `assess` is called with the whole fleet once the health checks due at one instant are done
 * (so clusters that turn not Ready in the same monitor pass count together), after every
 * change of a cluster's conditions, and, while a scope is paused, after every heartbeat; between
 * an unsettled pass and its assessment no eviction starts.
 * @public
 */
export interface EvictionGuard {
  /** Re-judges every scope from the clusters' Ready conditions at `now`; returns the scopes that changed. */
  assess(clusters: readonly Cluster[], now: number): readonly GuardTransition[];
  /** Why new evictions from `cluster` are held at the last assessment, or undefined when they may start. */
  holdReason(cluster: Cluster): string | undefined;
  /**
   * After evictions resume, how long (ms) they still wait, so members that come back a little
   * after the others are not evicted on the way (Kubernetes gives every node a fresh grace
   * period when it leaves disruption mode). Default 0.
   */
  readonly resumeGraceMs?: number;
}

/** Optional: unregistered or `undefined` (a flavour's gate off), evictions are never held. @public */
export const EVICTION_GUARD = token<EvictionGuard | undefined>('EvictionGuard');
