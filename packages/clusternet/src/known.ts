/** The one taint Clusternet puts on a cluster whose Ready is not True. @public */
export const UNSCHEDULABLE_TAINT_KEY = 'clusters.clusternet.io/unschedulable';

/**
 * The key for a manual cordon. The managed key above cannot be one: the tainter removes it
 * whenever the cluster is Ready.
 * @public
 */
export const MAINTENANCE_TAINT_KEY = 'lifeboat.dev/maintenance';

/** Ready reasons as Clusternet writes them. @public */
export const ReadyReason = {
  /** The agent saw (livez and readyz) or healthz. */
  ManagedClusterReady: 'ManagedClusterReady',
  /** The agent saw its apiserver unhealthy. */
  ManagedClusterNotReady: 'ManagedClusterNotReady',
  /** The lifecycle controller: heartbeats stopped. */
  ClusterStatusUnknown: 'ClusterStatusUnknown',
  /** The lifecycle controller: the agent never reported. */
  ClusterStatusNeverUpdated: 'ClusterStatusNeverUpdated',
} as const;

/** Ready messages as Clusternet writes them. @public */
export const ReadyMessage = {
  ClusterStatusUnknown: 'Clusternet agent stopped posting cluster status.',
  ClusterStatusNeverUpdated: 'Clusternet agent never posted cluster status.',
} as const;

/** Heartbeats missed before the lifecycle controller gives up on an agent. @public */
export const CLUSTER_NOT_READY_THRESHOLD = 3;

/** Who writes Clusternet's eviction tasks. @public */
export const FAILOVER_PRODUCER = 'ClusternetFailOver';
