import { Status, type AssignContext, type AssignResult, type Binding, type ScoredCluster } from '@lifeboat/core';
import { divideDynamically } from './dynamic-division';
import { freeReplicas, tieBreakKey } from './replica-context';
import { selectClusters } from './select-clusters';

/**
 * The shared path of the dynamic strategies: spread selection, then {@link divideDynamically}
 * in Steady mode (Fresh when `rescheduleTriggeredAt` is newer than the last schedule).
 * @internal
 */
export function assignDynamically(binding: Binding, candidates: readonly ScoredCluster[], context: AssignContext, aggregated: boolean): AssignResult {
  const selection = selectClusters(binding, candidates, context, true);
  if (selection.error !== undefined) return { status: Status.unschedulable(selection.error) };
  const triggered = binding.spec.rescheduleTriggeredAt;
  const result = divideDynamically({
    replicas: binding.spec.replicas,
    candidates: selection.clusters.map((c) => ({ name: c.cluster.metadata.name, available: freeReplicas(binding, context, c.cluster.metadata.name) })),
    previous: binding.spec.clusters ?? [],
    fresh: triggered !== undefined && triggered > (binding.status?.lastScheduledTime ?? Number.NEGATIVE_INFINITY),
    aggregated,
    tieBreakKey: tieBreakKey(binding),
  });
  return result.error !== undefined ? { status: Status.unschedulable(result.error) } : { clusters: result.clusters };
}
