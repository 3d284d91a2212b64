import type { Binding, EvictionTask, FailbackPolicy } from '@lifeboat/core';
import { FAILOVER_PRODUCER } from './eviction-constants';

/**
 * Lifeboat's failback for Clusternet: every subscription comes back after the option
 * `failbackStabilizationWindow` from the clusters FailOver moved it off.
 * @public
 */
export class ClusternetFailbackPolicy implements FailbackPolicy {
  constructor(private readonly windowMs: number) {}

  stabilizationWindowMs(_binding: Binding): number {
    return this.windowMs;
  }

  returnsFrom(task: EvictionTask): boolean {
    return task.producer === FAILOVER_PRODUCER;
  }
}
