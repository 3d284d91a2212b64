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
