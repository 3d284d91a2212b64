import { READY_CONDITION, type Condition } from '@lifeboat/core';
import type { ProbeResult } from './cluster-prober';

/** Ready reason: the probe got no answer. @public */
export const REASON_CLUSTER_NOT_REACHABLE = 'ClusterNotReachable';
/** Ready reason: the probe got an answer other than 200. @public */
export const REASON_CLUSTER_NOT_READY = 'ClusterNotReady';
/** Ready reason: the probe got 200. @public */
export const REASON_CLUSTER_READY = 'ClusterReady';
/** Ready reason: a Pull cluster stopped reporting for the monitor grace period. @public */
export const REASON_CLUSTER_STATUS_UNKNOWN = 'ClusterStatusUnknown';
/** Ready reason: a Pull cluster never reported within the startup grace period. @public */
export const REASON_CLUSTER_STATUS_NEVER_UPDATED = 'ClusterStatusNeverUpdated';

/**
 * The Ready condition a probe result stands for (Karmada `generateReadyCondition`), before any
 * debouncing.
 * @public
 */
export function observedReadyCondition(result: ProbeResult, now: number): Condition {
  if (!result.online) {
    return {
      type: READY_CONDITION,
      status: 'False',
      reason: REASON_CLUSTER_NOT_REACHABLE,
      message: 'cluster is not reachable',
      lastTransitionTime: now,
    };
  }
  if (!result.healthy) {
    return {
      type: READY_CONDITION,
      status: 'False',
      reason: REASON_CLUSTER_NOT_READY,
      message: 'cluster is reachable but health endpoint responded without ok',
      lastTransitionTime: now,
    };
  }
  return {
    type: READY_CONDITION,
    status: 'True',
    reason: REASON_CLUSTER_READY,
    message: 'cluster is healthy and ready to accept workloads',
    lastTransitionTime: now,
  };
}
