import { objectKey, type AssignContext, type Binding } from '@lifeboat/core';

/** The key whose hash orders exact ties for this workload: its uid, else its name. @internal */
export function tieBreakKey(binding: Binding): string {
  return binding.spec.resource.uid ?? binding.metadata.uid ?? objectKey(binding.metadata);
}

/**
 * Replicas a cluster can still take: the estimators' answer, or the binding's own replica count
 * when no estimator bounds it (as Karmada does for an unknown answer).
 * @internal
 */
export function freeReplicas(binding: Binding, context: AssignContext, cluster: string): number {
  const free = context.availableReplicas.get(cluster);
  return free === undefined || !Number.isFinite(free)
    ? binding.spec.replicas
    : Math.max(0, Math.floor(free));
}

/** Replicas the binding already has on `cluster` (0 when it is not a target). @internal */
export function heldReplicas(binding: Binding, cluster: string): number {
  return binding.spec.clusters?.find((t) => t.name === cluster)?.replicas ?? 0;
}
