import { token } from '../contracts/token';

/**
 * How many keys each controller of the `FailoverManager` reconciles at once, in the style
 * of Karmada's `--concurrent-*-syncs` flags. Every count defaults to 1 (one key at a time, the
 * order the simulator's reports depend on); a key is never reconciled by two workers at once.
 * More workers help when the store's round trips, not the CPU, bound the pipeline (a store
 * across a network, such as etcd).
 * @public
 */
export interface FailoverManagerOptions {
  /** Clusters the health and the taint controllers each reconcile at once. */
  readonly concurrentClusterSyncs?: number;
  /** Bindings the eviction controller (and the failback controller) reconcile at once. */
  readonly concurrentEvictionSyncs?: number;
  /**
   * Bindings scheduled at once. Above 1, cycles that run while another's placement is being
   * written do not count that placement against the clusters' capacity (it is counted once
   * written), so keep 1 where capacity is tight.
   */
  readonly concurrentSchedulingSyncs?: number;
  /** Bindings handed to the actuator at once (Karmada's `--concurrent-work-syncs`). */
  readonly concurrentWorkSyncs?: number;
}

/** The `FailoverManager`'s options; optional (every count 1 without it). @public */
export const FAILOVER_MANAGER_OPTIONS = token<FailoverManagerOptions>('FailoverManagerOptions');
