import {
  READY_CONDITION,
  findCondition,
  type Cluster,
  type Condition,
  type Lease,
} from '@lifeboat/core';
import {
  REASON_CLUSTER_STATUS_NEVER_UPDATED,
  REASON_CLUSTER_STATUS_UNKNOWN,
} from './ready-condition';

/** Namespace of the leases Pull-mode agents renew (`karmada-cluster/<cluster>`). @public */
export const CLUSTER_LEASE_NAMESPACE = 'karmada-cluster';

/** Grace periods of {@link ClusterWatchdog}, in ms. @public */
export interface ClusterWatchdogOptions {
  /** Staleness after which a cluster that has reported turns Unknown (`clusterMonitorGracePeriod`). */
  readonly monitorGraceMs: number;
  /** Staleness after which a cluster that never reported turns Unknown (`clusterStartupGracePeriod`). */
  readonly startupGraceMs: number;
}

/**
 * The Pull-mode heartbeat watchdog (Karmada `monitorClusterHealth`): a Pull cluster proves it is
 * alive by its agent posting status (`status.lastHeartbeatTime`) or renewing its lease; when
 * neither happened for the grace period, its Ready condition becomes Unknown. Freshness is read
 * from the stored times, so a restarted controller keeps counting from the last report instead
 * of starting a new grace period (Karmada keeps it in memory only).
 * @public
 */
export class ClusterWatchdog {
  /** When a cluster with no report and no creation time was first seen. */
  private readonly firstSeen = new Map<string, number>();

  constructor(private readonly options: ClusterWatchdogOptions) {}

  /** Whether the cluster's agent is overdue; returns the Unknown condition to write, if so. */
  overdue(cluster: Cluster, lease: Lease | undefined, now: number): Condition | undefined {
    const ready = findCondition(cluster.status?.conditions, READY_CONDITION);
    const grace = ready ? this.options.monitorGraceMs : this.options.startupGraceMs;
    const last = this.lastSignal(cluster, lease, now);
    if (now - last <= grace) return undefined;
    if (ready?.status === 'Unknown') return ready;
    return ready
      ? {
          type: READY_CONDITION,
          status: 'Unknown',
          reason: REASON_CLUSTER_STATUS_UNKNOWN,
          message: 'Cluster status controller stopped posting cluster status.',
          lastTransitionTime: now,
        }
      : {
          type: READY_CONDITION,
          status: 'Unknown',
          reason: REASON_CLUSTER_STATUS_NEVER_UPDATED,
          message: 'Cluster status controller never posted cluster status.',
          lastTransitionTime: now,
        };
  }

  /** Drops what is kept for a cluster that left. */
  forget(clusterName: string): void {
    this.firstSeen.delete(clusterName);
  }

  private lastSignal(cluster: Cluster, lease: Lease | undefined, now: number): number {
    const reported = Math.max(
      cluster.status?.lastHeartbeatTime ?? -Infinity,
      lease?.spec.renewTime ?? -Infinity,
    );
    if (reported > -Infinity) return Math.min(reported, now);
    if (cluster.metadata.creationTimestamp !== undefined) return cluster.metadata.creationTimestamp;
    const name = cluster.metadata.name;
    const seen = this.firstSeen.get(name) ?? now;
    this.firstSeen.set(name, seen);
    return seen;
  }
}
