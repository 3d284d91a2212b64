import { Quantity, addResources, type ResourceList } from '@lifeboat/core';
import { podRequests, quantities, type PodResources } from './pod-requests';

/** The parts of a Node that the summary reads. @public */
export interface NodeObject {
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: { readonly unschedulable?: boolean };
  readonly status?: {
    readonly capacity?: Readonly<Record<string, string>>;
    readonly allocatable?: Readonly<Record<string, string>>;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  };
}

/** The parts of a Pod that the summary reads. @public */
export interface PodObject {
  readonly spec?: PodResources & { readonly nodeName?: string };
  readonly status?: { readonly phase?: string };
}

/** A member's resources (Karmada's `resourceSummary`), in core's terms. @public */
export interface ResourceSummary {
  /** Sum over ready, schedulable nodes. */
  readonly capacity: ResourceList;
  readonly allocatable: ResourceList;
  /** What the pods on those nodes request, plus `pods`: their number. */
  readonly allocated: ResourceList;
  readonly nodes: { readonly total: number; readonly ready: number };
}

/** Well-known node labels for where a node runs. @public */
export const REGION_LABEL = 'topology.kubernetes.io/region';
/** @public */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** Whether a node takes new pods: its Ready condition is True and it is not cordoned. @public */
export function isSchedulableNode(node: NodeObject): boolean {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  return ready?.status === 'True' && node.spec?.unschedulable !== true;
}

/**
 * Karmada's resource summary over the nodes that can take pods (ready and schedulable): their
 * allocatable resources, and as allocated what the pods bound to them request while not finished
 * (`Pending` with a node, or `Running`). So allocatable minus allocated is what a new replica can
 * still get, and a cordoned or failed node counts for nothing.
 * @public
 */
export function resourceSummary(
  nodes: readonly NodeObject[],
  pods: readonly PodObject[],
): ResourceSummary {
  const counted = nodes.filter(isSchedulableNode);
  const names = new Set(counted.map((n) => n.metadata.name));
  let capacity: ResourceList = {};
  let allocatable: ResourceList = {};
  for (const node of counted) {
    capacity = addResources(capacity, quantities(node.status?.capacity));
    allocatable = addResources(allocatable, quantities(node.status?.allocatable));
  }
  let allocated: ResourceList = {};
  let podCount = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    if (!pod.spec?.nodeName || !names.has(pod.spec.nodeName)) continue;
    allocated = addResources(allocated, podRequests(pod.spec));
    podCount++;
  }
  return {
    capacity,
    allocatable,
    allocated: { ...allocated, pods: Quantity.fromUnits(podCount) },
    nodes: { total: nodes.length, ready: counted.length },
  };
}

/**
 * Where a member runs, from its nodes' topology labels, for what the members file leaves out:
 * the region most nodes name (ties go to the first by name) and every zone named, sorted.
 * @public
 */
export function locationFromNodes(nodes: readonly NodeObject[]): {
  readonly region?: string;
  readonly zones?: readonly string[];
} {
  const regions = new Map<string, number>();
  const zones = new Set<string>();
  for (const node of nodes) {
    const region = node.metadata.labels?.[REGION_LABEL];
    if (region) regions.set(region, (regions.get(region) ?? 0) + 1);
    const zone = node.metadata.labels?.[ZONE_LABEL];
    if (zone) zones.add(zone);
  }
  const region = [...regions].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
  return {
    ...(region ? { region } : {}),
    ...(zones.size > 0 ? { zones: [...zones].sort() } : {}),
  };
}
