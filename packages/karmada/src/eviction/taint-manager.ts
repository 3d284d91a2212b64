import {
  describeTaint,
  tolerates,
  type Binding,
  type Cluster,
  type EvictionDecision,
  type PurgeMode,
  type Taint,
} from '@lifeboat/core';
import {
  EVICTION_PRODUCER_TAINT_MANAGER,
  EVICTION_REASON_TAINT_UNTOLERATED,
} from './eviction-constants';
import { effectivePurgeMode } from './purge-mode';

/** Settings of {@link TaintManager}. @public */
export interface TaintManagerOptions {
  /** `noExecuteTaintEvictionPurgeMode`: used when the binding has no `failover.cluster`. */
  readonly defaultPurgeMode: PurgeMode;
  /** The GracefulEviction gate. */
  readonly gracefulEvictionEnabled: boolean;
}

/** When the binding must leave: now (`0`), at a time, or never (`undefined`). */
type Deadline = { readonly at: number; readonly message: string } | undefined;

/**
 * Karmada's no-execute taint manager as a decision: a binding leaves a cluster whose NoExecute
 * taints `placement.clusterTolerations` do not all tolerate, or, when they are tolerated for a
 * limited time, at the taint's `timeAdded` plus the smallest `tolerationSeconds` (each taint is
 * matched to its first tolerating toleration, as Karmada does). A taint without `timeAdded`
 * cannot start a countdown and is tolerated for as long as its toleration matches.
 * @public
 */
export class TaintManager {
  constructor(private readonly options: TaintManagerOptions) {}

  decide(binding: Binding, cluster: Cluster, now: number): EvictionDecision {
    const deadline = this.deadline(binding, cluster);
    if (!deadline) return {};
    if (deadline.at > now) return { recheckAt: deadline.at };
    const failover = binding.spec.failover?.cluster;
    const requested = failover
      ? (failover.purgeMode ?? 'Gracefully')
      : this.options.defaultPurgeMode;
    return {
      evict: {
        purgeMode: effectivePurgeMode(requested, this.options.gracefulEvictionEnabled),
        reason: EVICTION_REASON_TAINT_UNTOLERATED,
        producer: EVICTION_PRODUCER_TAINT_MANAGER,
        message: deadline.message,
        ...(failover?.gracePeriodSeconds !== undefined
          ? { gracePeriodSeconds: failover.gracePeriodSeconds }
          : {}),
      },
    };
  }

  private deadline(binding: Binding, cluster: Cluster): Deadline {
    const tolerations = binding.spec.placement.clusterTolerations ?? [];
    let earliest: Deadline;
    for (const taint of cluster.spec.taints ?? []) {
      if (taint.effect !== 'NoExecute') continue;
      const toleration = tolerations.find((t) => tolerates(t, taint));
      if (!toleration)
        return { at: Number.NEGATIVE_INFINITY, message: untolerated(cluster, taint) };
      if (toleration.tolerationSeconds === undefined || taint.timeAdded === undefined) continue;
      const at = taint.timeAdded + Math.max(0, toleration.tolerationSeconds) * 1000;
      if (!earliest || at < earliest.at) {
        earliest = {
          at,
          message: `toleration of taint ${describeTaint(taint)} on cluster ${cluster.metadata.name} expired after ${toleration.tolerationSeconds}s`,
        };
      }
    }
    return earliest;
  }
}

function untolerated(cluster: Cluster, taint: Taint): string {
  return `cluster ${cluster.metadata.name} has untolerated taint ${describeTaint(taint)} with effect NoExecute`;
}
