import {
  READY_CONDITION,
  addResources,
  setCondition,
  type ClusterStatus,
  type Condition,
  type ConditionStatus,
  type ResourceList,
} from '@lifeboat/core';
import { ReadyReason } from './ready-condition';

/** Node counts by their Ready condition; a node without one is `lost`. @public */
export interface NodeStatistics {
  readonly readyNodes: number;
  readonly notReadyNodes: number;
  readonly unknownNodes: number;
  readonly lostNodes: number;
}

/**
 * What a clusternet-agent posts for its cluster (Clusternet `ManagedClusterStatus`, the fields
 * failover and scheduling use). Times are ms since the epoch on the agent's clock.
 * @public
 */
export interface AgentStatus {
  /** When the agent gathered this status. */
  readonly lastObservedTime: number;
  /** The agent's report period, in seconds. */
  readonly heartbeatFrequencySeconds: number;
  /** `GET /healthz`, `/livez`, `/readyz` on the child apiserver answered 200. */
  readonly healthz: boolean;
  readonly livez: boolean;
  readonly readyz: boolean;
  /** Sums over the cluster's nodes. */
  readonly allocatable: ResourceList;
  readonly capacity: ResourceList;
  readonly nodeStatistics: NodeStatistics;
  readonly k8sVersion?: string;
  readonly agentVersion?: string;
  /** The built-in or external predictor this agent offers (`Predictor` gate on the agent). */
  readonly predictorEnabled: boolean;
  readonly predictorAddress?: string;
  readonly predictorDirectAccess?: boolean;
}

/** One node as the agent's lister sees it. @public */
export interface AgentNode {
  readonly name: string;
  /** The node's Ready condition status; absent when the node has none. */
  readonly ready?: ConditionStatus;
  readonly capacity: ResourceList;
  readonly allocatable: ResourceList;
}

/** What the agent observed in one collect period, before it is summed up. @public */
export interface AgentObservation {
  readonly healthz: boolean;
  readonly livez: boolean;
  readonly readyz: boolean;
  readonly nodes: readonly AgentNode[];
  readonly k8sVersion?: string;
  readonly predictorAddress?: string;
}

/** Counts nodes by Ready status. @public */
export function nodeStatistics(nodes: readonly AgentNode[]): NodeStatistics {
  let readyNodes = 0;
  let notReadyNodes = 0;
  let unknownNodes = 0;
  let lostNodes = 0;
  for (const node of nodes) {
    if (node.ready === 'True') readyNodes++;
    else if (node.ready === 'False') notReadyNodes++;
    else if (node.ready === 'Unknown') unknownNodes++;
    else lostNodes++;
  }
  return { readyNodes, notReadyNodes, unknownNodes, lostNodes };
}

/**
 * Builds the status the agent posts: node figures summed, stamped with `now` as
 * `lastObservedTime`, and the report period as `heartbeatFrequencySeconds`.
 * @public
 */
export function collectAgentStatus(
  observation: AgentObservation,
  now: number,
  reportPeriodMs: number,
): AgentStatus {
  let capacity: ResourceList = {};
  let allocatable: ResourceList = {};
  for (const node of observation.nodes) {
    capacity = addResources(capacity, node.capacity);
    allocatable = addResources(allocatable, node.allocatable);
  }
  return {
    lastObservedTime: now,
    heartbeatFrequencySeconds: Math.round(reportPeriodMs / 1000),
    healthz: observation.healthz,
    livez: observation.livez,
    readyz: observation.readyz,
    capacity,
    allocatable,
    nodeStatistics: nodeStatistics(observation.nodes),
    ...(observation.k8sVersion === undefined ? {} : { k8sVersion: observation.k8sVersion }),
    predictorEnabled: observation.predictorAddress !== undefined,
    ...(observation.predictorAddress === undefined
      ? {}
      : { predictorAddress: observation.predictorAddress }),
  };
}

/**
 * The agent's own verdict: Ready when (livez and readyz) or healthz; healthz alone is enough
 * because older apiservers only serve `/healthz`.
 * @public
 */
export function agentReadyCondition(
  status: Pick<AgentStatus, 'healthz' | 'livez' | 'readyz' | 'lastObservedTime'>,
): Condition {
  const ready = (status.livez && status.readyz) || status.healthz;
  return {
    type: READY_CONDITION,
    status: ready ? 'True' : 'False',
    reason: ready ? ReadyReason.ManagedClusterReady : ReadyReason.ManagedClusterNotReady,
    message: ready ? 'managed cluster is ready' : 'managed cluster is not ready',
    lastTransitionTime: status.lastObservedTime,
  };
}

/**
 * The core `ClusterStatus` an agent report becomes: `lastObservedTime` is the heartbeat, the
 * Ready condition is the agent's verdict (an unchanged verdict keeps its transition time, unlike
 * Clusternet, which rewrites it on every heartbeat).
 * @public
 */
export function toClusterStatus(agent: AgentStatus, previous?: ClusterStatus): ClusterStatus {
  return {
    ...previous,
    conditions: setCondition(previous?.conditions, agentReadyCondition(agent)),
    capacity: agent.capacity,
    allocatable: agent.allocatable,
    lastHeartbeatTime: agent.lastObservedTime,
    heartbeatFrequencySeconds: agent.heartbeatFrequencySeconds,
    healthz: agent.healthz,
    livez: agent.livez,
    readyz: agent.readyz,
  };
}
