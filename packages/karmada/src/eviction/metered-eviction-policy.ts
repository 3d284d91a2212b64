import {
  objectKey,
  type Binding,
  type Cluster,
  type EvictionDecision,
  type EvictionPass,
  type EvictionPolicy,
  type EvictionTask,
  type FailoverObserver,
  type TaskReview,
} from '@lifeboat/core';
import { BINDING_EVICTION_QUEUE, type KarmadaMetrics } from '../metrics';

/**
 * Wraps an {@link @lifeboat/core#EvictionPolicy} and observes the eviction controller's passes (register the
 * same instance under core's `FAILOVER_OBSERVERS`) to export `eviction_kind_total` (tasks
 * written, by cluster and resource kind) and `eviction_queue_depth` (evictions decided but held
 * back by the rate limit). It changes no decision.
 * @public
 */
export class MeteredEvictionPolicy implements EvictionPolicy, FailoverObserver {
  readonly evictionsPerSecond?: number;
  /** Resource kind per binding key, learnt from the decisions (passes name only the key). */
  private readonly kinds = new Map<string, string>();
  /** Evictions held back per binding in its latest pass. */
  private readonly delayed = new Map<string, number>();

  constructor(
    private readonly inner: EvictionPolicy,
    private readonly metrics: KarmadaMetrics,
  ) {
    this.evictionsPerSecond = inner.evictionsPerSecond;
  }

  decide(binding: Binding, cluster: Cluster, now: number): EvictionDecision {
    this.kinds.set(objectKey(binding.metadata), binding.spec.resource.kind);
    return this.inner.decide(binding, cluster, now);
  }

  review(binding: Binding, task: EvictionTask, now: number): TaskReview {
    return this.inner.review(binding, task, now);
  }

  evictionPass(pass: EvictionPass): void {
    const kind = this.kinds.get(pass.binding) ?? 'Unknown';
    for (const cluster of pass.started)
      this.metrics.evictionKindTotal.inc({ member_cluster: cluster, resource_kind: kind });
    if (pass.delayed > 0) this.delayed.set(pass.binding, pass.delayed);
    else this.delayed.delete(pass.binding);
    let depth = 0;
    for (const n of this.delayed.values()) depth += n;
    this.metrics.evictionQueueDepth.set({ name: BINDING_EVICTION_QUEUE }, depth);
  }
}
