import { assignedReplicas, type Binding, type EvictionTask, type TaskReview } from '@lifeboat/core';
import {
  REVIEW_REASON_DELETION_UNSUPPRESSED,
  REVIEW_REASON_GRACE_PERIOD_EXPIRED,
  REVIEW_REASON_NEW_PLACEMENT_HEALTHY,
} from './eviction-constants';

/**
 * Karmada's graceful-eviction controller as a review of one task. A task is finished when
 * `suppressDeletion` was set to false, when its grace period (`gracePeriodSeconds`, else
 * `gracefulEvictionTimeout`) has passed, or when the new placement is healthy.
 * `suppressDeletion: true` and purge mode `Never` wait for a human.
 *
 * "Healthy" is stricter than Karmada's: the placement must be non-empty (Karmada drops the task
 * when the reschedule found nothing, deleting the only copy: its bug #7455), it must have been
 * scheduled since the task was written, a divided binding must have all its replicas placed, and
 * every target cluster must report the workload Healthy with at least its target replicas ready.
 * @public
 */
export class GracefulEvictionReviewer {
  constructor(private readonly defaultTimeoutMs: number) {}

  review(binding: Binding, task: EvictionTask, now: number): TaskReview {
    if (task.suppressDeletion === false)
      return { done: true, reason: REVIEW_REASON_DELETION_UNSUPPRESSED };
    if (task.suppressDeletion === true || task.purgeMode === 'Never') return { done: false };
    const deadline =
      task.creationTimestamp +
      (task.gracePeriodSeconds !== undefined
        ? task.gracePeriodSeconds * 1000
        : this.defaultTimeoutMs);
    if (now >= deadline) return { done: true, reason: REVIEW_REASON_GRACE_PERIOD_EXPIRED };
    if (newPlacementHealthy(binding, task))
      return { done: true, reason: REVIEW_REASON_NEW_PLACEMENT_HEALTHY };
    return { done: false, recheckAt: deadline };
  }
}

/** Whether the binding's current placement replaces the evicted replicas and runs healthy. @public */
export function newPlacementHealthy(binding: Binding, task: EvictionTask): boolean {
  const targets = binding.spec.clusters ?? [];
  if (targets.length === 0) return false;
  const status = binding.status;
  if (
    binding.metadata.generation !== undefined &&
    status?.schedulerObservedGeneration !== binding.metadata.generation
  )
    return false;
  if ((status?.lastScheduledTime ?? Number.NEGATIVE_INFINITY) < task.creationTimestamp)
    return false;
  if (
    binding.spec.placement.replicaScheduling.type === 'Divided' &&
    assignedReplicas(binding) < binding.spec.replicas
  )
    return false;
  return targets.every((target) => {
    const item = status?.aggregatedStatus?.find((s) => s.clusterName === target.name);
    return item?.health === 'Healthy' && item.readyReplicas >= target.replicas;
  });
}
