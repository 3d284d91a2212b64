import type { Binding, EvictionTask } from '../model/binding';
import { token } from './token';

/**
 * Says which bindings come back to where they were once the clusters they were evicted from
 * have recovered, and after how long. Optional: without one, nothing fails back.
 * @public
 */
export interface FailbackPolicy {
  /**
   * How long (ms) every cluster the binding left must have been Ready and untainted before it
   * returns; undefined: the binding does not fail back.
   */
  stabilizationWindowMs(binding: Binding): number | undefined;
  /** Whether leaving a cluster with this task is a failover to come back from (e.g. a taint eviction, not an application failure). */
  returnsFrom(task: EvictionTask): boolean;
}

/** Optional: unregistered or `undefined`, nothing fails back. @public */
export const FAILBACK_POLICY = token<FailbackPolicy | undefined>('FailbackPolicy');
