import type { Binding, EvictionTask, FailbackPolicy } from '@lifeboat/core';
import { EVICTION_PRODUCER_TAINT_MANAGER } from './eviction-constants';

/**
 * Lifeboat's failback for Karmada bindings: opt-in per workload with
 * `failover.failback.stabilizationWindowSeconds`, and only back from clusters the taint manager
 * evicted it from (an application failure is not undone).
 * @public
 */
export class KarmadaFailbackPolicy implements FailbackPolicy {
  stabilizationWindowMs(binding: Binding): number | undefined {
    const seconds = binding.spec.failover?.failback?.stabilizationWindowSeconds;
    return seconds === undefined ? undefined : seconds * 1000;
  }

  returnsFrom(task: EvictionTask): boolean {
    return task.producer === EVICTION_PRODUCER_TAINT_MANAGER;
  }
}
