import {
  describeTaint,
  isPlacementHealthy,
  type Binding,
  type Cluster,
  type EvictionDecision,
  type EvictionPolicy,
  type EvictionTask,
  type TaskReview,
} from '@lifeboat/core';
import { FAILOVER_PRODUCER } from './eviction-constants';
import { firstExcludingTaint } from './toleration-deadline';

/** Settings of {@link FailOverPolicy}. @public */
export interface FailOverPolicySettings {
  /** The `FailOver` feature gate: off, nothing is ever evicted. */
  readonly failOver: boolean;
  /** Lifeboat option: `tolerationSeconds` delays eviction (Clusternet ignores it). */
  readonly honorTolerationSeconds: boolean;
  /** Lifeboat option: leave `Gracefully`, keeping old replicas until the new ones are ready. */
  readonly keepOldReplicasUntilReady: boolean;
  /** With `keepOldReplicasUntilReady`: the longest time old replicas are kept. */
  readonly gracefulEvictionTimeoutMs: number;
}

/** The reason on Clusternet's eviction tasks. @public */
export const FAILOVER_REASON = 'TaintUntolerated';

/** Review reasons. @public */
export const FailOverReviewReason = {
  /**
   * `Directly`: the binding no longer targets the cluster. From then on the TaintToleration
   * filter alone keeps it away while the taint lasts, so a recovered cluster is a candidate again.
   */
  LeftCluster: 'LeftCluster',
  /** `Gracefully`: the new placement reports every replica ready. */
  NewPlacementReady: 'NewPlacementReady',
  /** `Gracefully`: the timeout ran out first. */
  GracePeriodExpired: 'GracePeriodExpired',
} as const;

/**
 * Clusternet's FailOver as a core `EvictionPolicy`. With the gate on, a binding leaves a cluster
 * as soon as the cluster carries a `NoSchedule` or `NoExecute` taint the binding does not
 * tolerate (Clusternet's TaintToleration filter, applied to existing placements), which is what
 * `clusters.clusternet.io/unschedulable` does to a cluster that stopped being Ready: at once and
 * `Directly`. Unlike Clusternet this holds for every strategy, Dividing included (the scheduler
 * re-divides the missing replicas over the surviving clusters). With the gate off it never
 * evicts. Deterministic: the same binding, cluster and time give the same answer.
 * @public
 */
export class FailOverPolicy implements EvictionPolicy {
  constructor(private readonly settings: FailOverPolicySettings) {}

  decide(binding: Binding, cluster: Cluster, now: number): EvictionDecision {
    if (!this.settings.failOver) return {};
    const tolerations = binding.spec.placement.clusterTolerations ?? [];
    const { taint, recheckAt } = firstExcludingTaint(
      cluster.spec.taints ?? [],
      tolerations,
      now,
      this.settings.honorTolerationSeconds,
    );
    if (!taint) return recheckAt === undefined ? {} : { recheckAt };
    const message = `cluster ${cluster.metadata.name} had taint ${describeTaint(taint)}, that the subscription didn't tolerate`;
    if (!this.settings.keepOldReplicasUntilReady) {
      return {
        evict: {
          purgeMode: 'Directly',
          reason: FAILOVER_REASON,
          message,
          producer: FAILOVER_PRODUCER,
        },
      };
    }
    return {
      evict: {
        purgeMode: 'Gracefully',
        reason: FAILOVER_REASON,
        message,
        producer: FAILOVER_PRODUCER,
        gracePeriodSeconds: Math.ceil(this.settings.gracefulEvictionTimeoutMs / 1000),
      },
    };
  }

  review(binding: Binding, task: EvictionTask, now: number): TaskReview {
    if (task.purgeMode === 'Directly') {
      return stillTargets(binding, task.fromCluster)
        ? { done: false }
        : { done: true, reason: FailOverReviewReason.LeftCluster };
    }
    if (!stillTargets(binding, task.fromCluster) && isPlacementHealthy(binding)) {
      return { done: true, reason: FailOverReviewReason.NewPlacementReady };
    }
    const graceMs =
      (task.gracePeriodSeconds ?? this.settings.gracefulEvictionTimeoutMs / 1000) * 1000;
    const expiry = task.creationTimestamp + graceMs;
    if (now >= expiry) return { done: true, reason: FailOverReviewReason.GracePeriodExpired };
    return { done: false, recheckAt: expiry };
  }
}

function stillTargets(binding: Binding, cluster: string): boolean {
  return (binding.spec.clusters ?? []).some((t) => t.name === cluster);
}
