import type { Binding } from '../model/binding';

/**
 * Replicas each member cluster should run for the binding: its target replicas, plus the old
 * replicas an eviction task keeps (every purge mode but `Directly`) until the task is removed.
 * @public
 */
export function desiredReplicasPerCluster(binding: Binding): Map<string, number> {
  const desired = new Map<string, number>();
  for (const target of binding.spec.clusters ?? [])
    desired.set(target.name, (desired.get(target.name) ?? 0) + target.replicas);
  for (const task of binding.spec.evictionTasks ?? []) {
    if (task.purgeMode === 'Directly') continue;
    desired.set(task.fromCluster, Math.max(desired.get(task.fromCluster) ?? 0, task.replicas ?? 0));
  }
  return desired;
}
