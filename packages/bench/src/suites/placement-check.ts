import type { Binding, ScheduleResult } from '@lifeboat/core';

/**
 * Whether a successful schedule placed what the binding asks: Duplicated puts all replicas on
 * every chosen cluster, Divided splits exactly `spec.replicas`. The suites count violations so a
 * fast but wrong scheduler cannot pass.
 */
export function placementIsComplete(binding: Binding, result: ScheduleResult): boolean {
  if (!result.ok || result.clusters.length === 0) return false;
  if (binding.spec.placement.replicaScheduling.type === 'Duplicated')
    return result.clusters.every((c) => c.replicas === binding.spec.replicas);
  return (
    result.clusters.reduce((sum, c) => sum + c.replicas, 0) === binding.spec.replicas &&
    result.clusters.every((c) => c.replicas > 0)
  );
}
