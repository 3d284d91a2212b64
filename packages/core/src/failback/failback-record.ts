import type { FailbackPolicy } from '../contracts/failback-policy';
import type { Binding, EvictionTask, FailbackRecord } from '../model/binding';

/**
 * The binding's failback record after the eviction controller starts `started` on it: the first
 * failover eviction remembers the placement and affinity group it had, later ones add the
 * clusters they leave (and stop a return under way). Undefined when nothing changes.
 * @internal
 */
export function recordFailover(
  binding: Binding,
  started: readonly EvictionTask[],
  policy: FailbackPolicy | undefined,
  now: number,
): FailbackRecord | undefined {
  if (!policy || policy.stabilizationWindowMs(binding) === undefined) return undefined;
  const leaving = started.filter((t) => policy.returnsFrom(t)).map((t) => t.fromCluster);
  if (leaving.length === 0) return undefined;
  const record = binding.status?.failback;
  if (!record) {
    const affinityName = binding.status?.schedulerObservingAffinityName;
    return {
      clusters: binding.spec.clusters ?? [],
      ...(affinityName !== undefined ? { affinityName } : {}),
      evictedClusters: [...leaving].sort(),
      since: now,
    };
  }
  const { returning: _stopped, ...kept } = record;
  return {
    ...kept,
    evictedClusters: [...new Set([...record.evictedClusters, ...leaving])].sort(),
  };
}
