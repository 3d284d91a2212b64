import type { Condition } from './condition';
import type { ObjectMeta } from './meta';
import type { Placement } from './placement';
import type { ResourceList } from './resources';
import type { WorkloadAffinityGroups } from './workload-affinity';

/** The workload a binding places. @public */
export interface WorkloadReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly uid?: string;
}

/** A cluster the binding runs on, with its replica count. @public */
export interface TargetCluster {
  readonly name: string;
  readonly replicas: number;
}

/**
 * How to leave a cluster: `Directly` removes the old replicas before the new ones are placed;
 * `Gracefully` keeps them until the new placement is healthy or the grace period ends; `Never`
 * keeps them until someone removes the task.
 * @public
 */
export type PurgeMode = 'Directly' | 'Gracefully' | 'Never';

/** The purge modes, for validation. @public */
export const PURGE_MODES: readonly PurgeMode[] = ['Directly', 'Gracefully', 'Never'];

/**
 * A pending departure of a binding from a cluster. While it exists the cluster is not a candidate
 * for the binding, and (unless `Directly`) its old replicas keep running.
 * @public
 */
export interface EvictionTask {
  readonly fromCluster: string;
  readonly purgeMode: PurgeMode;
  /** Replicas the cluster held when the task was written. */
  readonly replicas?: number;
  readonly reason: string;
  readonly message?: string;
  /** Who wrote the task (`TaintManager`, `ApplicationFailover`, ...). */
  readonly producer: string;
  /** Longest time to keep the old replicas, in seconds (else the flavour's default). */
  readonly gracePeriodSeconds?: number;
  /** While true, the old replicas are never removed (the task waits for a human). */
  readonly suppressDeletion?: boolean;
  /** When the task was written (ms since the epoch). */
  readonly creationTimestamp: number;
  /** The clusters that replaced this one when the task was written. */
  readonly clustersBeforeFailover?: readonly string[];
}

/** Failover behaviour declared with the workload (Karmada `spec.failover`). @public */
export interface FailoverBehavior {
  readonly cluster?: { readonly purgeMode?: PurgeMode; readonly gracePeriodSeconds?: number };
  /**
   * Lifeboat: come back once the clusters left have been Ready and untainted for
   * `stabilizationWindowSeconds` (absent: never come back, as Karmada).
   */
  readonly failback?: { readonly stabilizationWindowSeconds: number };
  readonly application?: {
    readonly decisionConditions: { readonly tolerationSeconds: number };
    readonly purgeMode: PurgeMode;
    readonly gracePeriodSeconds?: number;
  };
}

/** The desired placement of one workload. @public */
export interface BindingSpec {
  readonly resource: WorkloadReference;
  readonly replicas: number;
  /** What one replica requests. */
  readonly replicaRequirements?: { readonly resourceRequest: ResourceList };
  readonly placement: Placement;
  /** Where the replicas are scheduled; absent until the first schedule. */
  readonly clusters?: readonly TargetCluster[];
  readonly evictionTasks?: readonly EvictionTask[];
  readonly failover?: FailoverBehavior;
  /** Set to ask for a fresh (not steady) re-division (ms since the epoch). */
  readonly rescheduleTriggeredAt?: number;
  /** The workload groups the binding belongs to (see `instantiateAffinityGroups`). */
  readonly workloadAffinityGroups?: WorkloadAffinityGroups;
}

/** Workload health reported by the actuator for one cluster. @public */
export type WorkloadHealth = 'Healthy' | 'Unhealthy' | 'Unknown';

/** What one member cluster reports about the workload. @public */
export interface AggregatedStatusItem {
  readonly clusterName: string;
  readonly applied: boolean;
  readonly health: WorkloadHealth;
  readonly readyReplicas: number;
  /** Since when `health` holds (ms since the epoch). */
  readonly healthSince?: number;
}

/**
 * What a binding needs to come back after a failover, written with its first eviction task when
 * failback is on for it and kept until it is back (or can never be).
 * @public
 */
export interface FailbackRecord {
  /** The placement before the failover's first eviction. */
  readonly clusters: readonly TargetCluster[];
  /** The affinity group that placement was scheduled with. */
  readonly affinityName?: string;
  /** Every cluster the failover evicted the binding from. */
  readonly evictedClusters: readonly string[];
  /** When the first eviction started (ms since the epoch). */
  readonly since: number;
  /**
   * Set while coming back: the placement being returned to and when the return started. The
   * binding then targets this placement plus whatever the survivors ran, until the returned
   * copies are ready.
   */
  readonly returning?: { readonly clusters: readonly TargetCluster[]; readonly startedAt: number };
}

/** Observed state of a binding. @public */
export interface BindingStatus {
  readonly conditions?: readonly Condition[];
  readonly schedulerObservedGeneration?: number;
  readonly lastScheduledTime?: number;
  /** The affinity group the last successful schedule used. */
  readonly schedulerObservingAffinityName?: string;
  readonly aggregatedStatus?: readonly AggregatedStatusItem[];
  /** Where to fail back to, while failback is pending or under way. */
  readonly failback?: FailbackRecord;
}

/** A workload's placement across member clusters (Karmada `ResourceBinding`). @public */
export interface Binding {
  readonly kind?: 'Binding';
  readonly metadata: ObjectMeta;
  readonly spec: BindingSpec;
  readonly status?: BindingStatus;
}

/** Replicas the binding has placed on clusters. @public */
export function assignedReplicas(binding: Binding): number {
  return (binding.spec.clusters ?? []).reduce((sum, c) => sum + c.replicas, 0);
}

/** The binding's target entry for `cluster`, if any. @public */
export function targetOf(binding: Binding, cluster: string): TargetCluster | undefined {
  return binding.spec.clusters?.find((c) => c.name === cluster);
}

/** Names of clusters with an open eviction task for this binding. @public */
export function evictingClusters(binding: Binding): Set<string> {
  return new Set((binding.spec.evictionTasks ?? []).map((t) => t.fromCluster));
}
