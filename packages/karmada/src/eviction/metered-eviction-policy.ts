import { objectKey, type Binding, type Cluster, type EvictionDecision, type EvictionPolicy, type EvictionTask, type TaskReview } from '@lifeboat/core';
import { BINDING_EVICTION_QUEUE, type KarmadaMetrics } from '../metrics';

/**
 * Wraps an {@link EvictionPolicy} to export `eviction_queue_depth` (evictions decided but not
 * yet seen as tasks) and `eviction_kind_total` (tasks written, counted the first time they are
 * reviewed). It changes no decision.
 * @public
 */
export class MeteredEvictionPolicy implements EvictionPolicy {
  readonly evictionsPerSecond?: number;
  private readonly pending = new Set<string>();
  private readonly counted = new Set<string>();

  constructor(
    private readonly inner: EvictionPolicy,
    private readonly metrics: KarmadaMetrics,
  ) {
    this.evictionsPerSecond = inner.evictionsPerSecond;
  }

  decide(binding: Binding, cluster: Cluster, now: number): EvictionDecision {
    const decision = this.inner.decide(binding, cluster, now);
    const id = `${objectKey(binding.metadata)}@${cluster.metadata.name}`;
    if (decision.evict) this.pending.add(id);
    else this.pending.delete(id);
    this.metrics.evictionQueueDepth.set({ name: BINDING_EVICTION_QUEUE }, this.pending.size);
    return decision;
  }

  review(binding: Binding, task: EvictionTask, now: number): TaskReview {
    const key = objectKey(binding.metadata);
    const id = `${key}@${task.fromCluster}`;
    const taskId = `${id}#${task.creationTimestamp}`;
    if (this.pending.delete(id)) this.metrics.evictionQueueDepth.set({ name: BINDING_EVICTION_QUEUE }, this.pending.size);
    if (!this.counted.has(taskId)) {
      this.counted.add(taskId);
      this.metrics.evictionKindTotal.inc({ member_cluster: task.fromCluster, resource_kind: binding.spec.resource.kind });
    }
    const review = this.inner.review(binding, task, now);
    if (review.done) this.counted.delete(taskId);
    return review;
  }
}
