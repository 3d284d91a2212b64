import {
  Quantity,
  ResourceName,
  findUntoleratedTaint,
  matchesLabelSelector,
  parseResourceList,
  replicasThatFit,
  subtractResources,
  type ResourceList,
  type Taint,
  type Toleration,
} from '@lifeboat/core';
import type { ReplicaRequirements } from './protocol';

/** A node as the agent-side predictor sees it. @public */
export interface PredictorNode {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  readonly allocatable: ResourceList;
  /** Summed requests of the non-terminal pods on the node. */
  readonly requested: ResourceList;
  /** Non-terminal pods on the node. */
  readonly podCount: number;
}

/** No node can run one replica (Clusternet answers with an error too). @public */
export class NoFeasibleNodeError extends Error {
  override readonly name = 'NoFeasibleNodeError';
}

/**
 * The agent-side prediction (Clusternet's built-in predictor with its default plugins): nodes
 * matching `nodeSelector` and carrying no untolerated `NoSchedule`/`NoExecute` taint are
 * feasible; each holds the minimum over the requested resources of free ÷ request, capped by its
 * free pod slots; the answer is the sum over feasible nodes. Requests fall back to limits.
 * @throws NoFeasibleNodeError when no node is feasible.
 * @throws ValidationError when a quantity in `requirements` does not parse.
 * @public
 */
export function computeAcceptableReplicas(
  nodes: readonly PredictorNode[],
  requirements: ReplicaRequirements,
): number {
  const request = perReplicaRequest(requirements);
  const tolerations = (requirements.tolerations ?? []) as readonly Toleration[];
  const selector = { matchLabels: requirements.nodeSelector ?? {} };
  let total = 0;
  let feasible = 0;
  for (const node of nodes) {
    if (!matchesLabelSelector(selector, node.labels ?? {})) continue;
    const excluding = (node.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule');
    if (findUntoleratedTaint(excluding, tolerations)) continue;
    feasible++;
    total += nodeReplicas(node, request);
  }
  if (feasible === 0)
    throw new NoFeasibleNodeError('0 nodes are feasible for the replica requirements');
  return total;
}

function nodeReplicas(node: PredictorNode, request: ResourceList): number {
  const free: Record<string, Quantity> = { ...subtractResources(node.allocatable, node.requested) };
  const podSlots = node.allocatable[ResourceName.pods];
  if (podSlots) free[ResourceName.pods] = podSlots.sub(Quantity.fromUnits(node.podCount));
  const fit = replicasThatFit(free, request);
  // A replica that requests nothing is bounded only by pod slots; without those, count none
  // rather than an unbounded number.
  return Number.isFinite(fit) ? fit : 0;
}

function perReplicaRequest(requirements: ReplicaRequirements): ResourceList {
  const { requests = {}, limits = {} } = requirements.resources ?? {};
  return parseResourceList({ ...limits, ...requests }, 'resources');
}
