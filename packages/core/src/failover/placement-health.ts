import type { Binding } from '../model/binding';

/**
 * Whether the binding's current placement is complete and healthy: it targets at least one
 * cluster, places every replica (all of them on each cluster when `Duplicated`), and every target
 * cluster reports the workload `Healthy` with at least its target replicas ready. An empty
 * placement is never healthy, so a graceful eviction cannot end without a replacement.
 * @public
 */
export function isPlacementHealthy(binding: Binding): boolean {
  const targets = binding.spec.clusters ?? [];
  if (targets.length === 0) return false;
  const duplicated = binding.spec.placement.replicaScheduling.type === 'Duplicated';
  const placed = targets.reduce((sum, t) => sum + t.replicas, 0);
  if (!duplicated && placed !== binding.spec.replicas) return false;
  const reports = new Map((binding.status?.aggregatedStatus ?? []).map((s) => [s.clusterName, s]));
  return targets.every((t) => {
    const report = reports.get(t.name);
    return (
      report?.health === 'Healthy' &&
      report.readyReplicas >= (duplicated ? binding.spec.replicas : t.replicas)
    );
  });
}
