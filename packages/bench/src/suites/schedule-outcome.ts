import type { Binding, ScheduleResult } from '@lifeboat/core';

/** What a schedule decided: the targets, or the reason nothing fit (for comparing two schedulers). */
export function outcome(result: ScheduleResult): unknown {
  return result.ok ? result.clusters : result.status.message();
}

/** `binding` as the scheduler's placement left it (holding replicas, as in a failover). */
export function holding(binding: Binding, result: ScheduleResult): Binding {
  return result.ok ? { ...binding, spec: { ...binding.spec, clusters: result.clusters } } : binding;
}
