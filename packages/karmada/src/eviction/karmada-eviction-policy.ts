import type {
  Binding,
  Cluster,
  EvictionDecision,
  EvictionPolicy,
  EvictionTask,
  PurgeMode,
  TaskReview,
} from '@lifeboat/core';
import { ApplicationFailover } from './application-failover';
import { GracefulEvictionReviewer } from './graceful-eviction';
import { TaintManager } from './taint-manager';

/** When Karmada's eviction rate is 0 it still lets one item through per this many seconds. */
const MAX_EVICTION_DELAY_SECONDS = 1800;

/** Settings of {@link KarmadaEvictionPolicy}. @public */
export interface KarmadaEvictionPolicyOptions {
  /** Taint-based eviction runs (Failover gate, `enableTaintManager` and `enableNoExecuteTaintEviction`). */
  readonly taintEvictionEnabled: boolean;
  readonly gracefulEvictionEnabled: boolean;
  readonly defaultPurgeMode: PurgeMode;
  /** `resourceEvictionRate`, evictions per second (0: one per 1800 s). */
  readonly resourceEvictionRate: number;
  /** `gracefulEvictionTimeout` in ms. */
  readonly gracefulEvictionTimeoutMs: number;
}

/**
 * Karmada's eviction stage as one {@link @lifeboat/core#EvictionPolicy}: the taint manager, then application
 * failover, decide whether a binding leaves a cluster; graceful eviction reviews open tasks.
 * @public
 */
export class KarmadaEvictionPolicy implements EvictionPolicy {
  readonly evictionsPerSecond: number;
  private readonly taintManager?: TaintManager;
  private readonly applicationFailover: ApplicationFailover;
  private readonly reviewer: GracefulEvictionReviewer;

  constructor(options: KarmadaEvictionPolicyOptions) {
    this.evictionsPerSecond =
      options.resourceEvictionRate > 0
        ? options.resourceEvictionRate
        : 1 / MAX_EVICTION_DELAY_SECONDS;
    if (options.taintEvictionEnabled) {
      this.taintManager = new TaintManager({
        defaultPurgeMode: options.defaultPurgeMode,
        gracefulEvictionEnabled: options.gracefulEvictionEnabled,
      });
    }
    this.applicationFailover = new ApplicationFailover(options.gracefulEvictionEnabled);
    this.reviewer = new GracefulEvictionReviewer(options.gracefulEvictionTimeoutMs);
  }

  decide(binding: Binding, cluster: Cluster, now: number): EvictionDecision {
    const byTaint = this.taintManager?.decide(binding, cluster, now) ?? {};
    if (byTaint.evict) return byTaint;
    const byHealth = this.applicationFailover.decide(binding, cluster, now);
    if (byHealth.evict) return byHealth;
    const times = [byTaint.recheckAt, byHealth.recheckAt].filter(
      (t): t is number => t !== undefined,
    );
    return times.length ? { recheckAt: Math.min(...times) } : {};
  }

  review(binding: Binding, task: EvictionTask, now: number): TaskReview {
    return this.reviewer.review(binding, task, now);
  }
}
