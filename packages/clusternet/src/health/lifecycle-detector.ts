import {
  READY_CONDITION,
  type Clock,
  type Cluster,
  type HealthDetector,
  type HealthObservation,
} from '@lifeboat/core';
import { CLUSTER_NOT_READY_THRESHOLD, ReadyMessage, ReadyReason } from './ready-condition';

/** Settings of {@link LifecycleDetector}. @public */
export interface LifecycleDetectorSettings {
  /** The threshold when the cluster reports no heartbeat frequency (Clusternet: 9m). */
  readonly clusterMonitorGracePeriodMs: number;
}

/**
 * Clusternet's cluster lifecycle controller as a `HealthDetector`. While the last heartbeat is
 * younger than 3 × the agent's heartbeat frequency (or the grace period when the agent sent none)
 * it leaves the agent's own Ready verdict alone; past that it declares Ready `Unknown`
 * (`ClusterStatusUnknown`, or `ClusterStatusNeverUpdated` when no heartbeat ever came, counted
 * from the cluster's creation) and forces healthz, livez and readyz to false so nothing reads a
 * stale "ok". Time comes only from the injected clock.
 * @public
 */
export class LifecycleDetector implements HealthDetector {
  /** First sighting of clusters that carry no creation time, to count "never updated" from. */
  private readonly firstSeen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly settings: LifecycleDetectorSettings,
  ) {}

  async check(cluster: Cluster): Promise<HealthObservation> {
    const now = this.clock.now();
    const threshold = heartbeatThresholdMs(cluster, this.settings.clusterMonitorGracePeriodMs);
    const lastObserved = cluster.status?.lastHeartbeatTime;
    const probe =
      lastObserved ??
      cluster.metadata.creationTimestamp ??
      this.firstSightingOf(cluster.metadata.name, now);
    const deadline = probe + threshold;
    if (now <= deadline) {
      // Wake one millisecond past the deadline: Clusternet declares Unknown only when now is *after* it.
      return { recheckAfterMs: deadline - now + 1 };
    }
    const never = lastObserved === undefined;
    return {
      ready: {
        type: READY_CONDITION,
        status: 'Unknown',
        reason: never ? ReadyReason.ClusterStatusNeverUpdated : ReadyReason.ClusterStatusUnknown,
        message: never ? ReadyMessage.ClusterStatusNeverUpdated : ReadyMessage.ClusterStatusUnknown,
        lastTransitionTime: now,
      },
      status: { healthz: false, livez: false, readyz: false },
      recheckAfterMs: threshold,
    };
  }

  forget(clusterName: string): void {
    this.firstSeen.delete(clusterName);
  }

  private firstSightingOf(name: string, now: number): number {
    const seen = this.firstSeen.get(name);
    if (seen !== undefined) return seen;
    this.firstSeen.set(name, now);
    return now;
  }
}

/**
 * How long a cluster may stay silent: 3 × its heartbeat frequency, or `gracePeriodMs` when the
 * agent reported none.
 * @public
 */
export function heartbeatThresholdMs(cluster: Cluster, gracePeriodMs: number): number {
  const frequency = cluster.status?.heartbeatFrequencySeconds;
  return frequency ? frequency * CLUSTER_NOT_READY_THRESHOLD * 1000 : gracePeriodMs;
}
