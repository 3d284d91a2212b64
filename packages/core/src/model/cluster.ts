import { READY_CONDITION, findCondition, type Condition, type ConditionStatus } from './condition';
import type { ObjectMeta } from './meta';
import type { ResourceList } from './resources';
import type { Taint } from './taint';

/** How the control plane reaches a member: it probes (Push) or the member's agent reports (Pull). @public */
export type ClusterSyncMode = 'Push' | 'Pull';

/** What the operator declares about a member cluster. @public */
export interface ClusterSpec {
  readonly syncMode?: ClusterSyncMode;
  /** Base URL of the member's API server, for active probes. */
  readonly apiEndpoint?: string;
  readonly region?: string;
  readonly zones?: readonly string[];
  readonly provider?: string;
  readonly taints?: readonly Taint[];
}

/**
 * What the control plane has observed about a member cluster. Heartbeat facts are what the
 * member's agent last reported; resource figures are cluster totals.
 * @public
 */
export interface ClusterStatus {
  readonly conditions?: readonly Condition[];
  readonly capacity?: ResourceList;
  readonly allocatable?: ResourceList;
  /** Resources already requested by what runs there. */
  readonly allocated?: ResourceList;
  /** When the agent last reported (ms since the epoch). */
  readonly lastHeartbeatTime?: number;
  /** How often the agent promises to report, in seconds. */
  readonly heartbeatFrequencySeconds?: number;
  /** Health endpoints as the agent last saw them. */
  readonly healthz?: boolean;
  readonly livez?: boolean;
  readonly readyz?: boolean;
}

/** A member cluster. @public */
export interface Cluster {
  readonly kind?: 'Cluster';
  readonly metadata: ObjectMeta;
  readonly spec: ClusterSpec;
  readonly status?: ClusterStatus;
}

/** The Ready condition's status; `Unknown` when the cluster has none. @public */
export function clusterReadyStatus(cluster: Cluster): ConditionStatus {
  return findCondition(cluster.status?.conditions, READY_CONDITION)?.status ?? 'Unknown';
}
