import {
  parseWith,
  type ClusterSelector,
  type Placement,
  type ReplicaScheduling,
  type Toleration,
} from '@lifeboat/core';
import { SUBGROUP_MIN_CLUSTERS_ANNOTATION } from '../scheduling/subgroups';
import { subscriptionSpecSchema, type SubscriptionSpec } from './subscription-schema';

/**
 * The annotation carrying a subscription's `priority` (Clusternet orders its scheduling queue by
 * it; core's binding has no priority field yet).
 * @public
 */
export const PRIORITY_ANNOTATION = 'apps.clusternet.io/priority';

/** A subscription as core's model holds it. @public */
export interface ParsedSubscription {
  readonly placement: Placement;
  /** To put on the binding's `metadata.annotations`: subgroups and priority. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly schedulerName: string;
  /** Queue order, higher first; absent counts as 0. */
  readonly priority: number;
  readonly spec: SubscriptionSpec;
}

/**
 * Parses a Clusternet `Subscription` spec into core's `Placement`: each subscriber's
 * `clusterAffinity` becomes a candidate selector; Replication is `Duplicated`, Dividing/Static a
 * static weight list (one rule per subscriber, weights summed per cluster by the assigner) and
 * Dividing/Dynamic a division by available replicas; `clusterTolerations` carry over.
 * @throws ValidationError with one line per problem, each naming its field under `path`
 * (`spec.subscribers[1].weight: ...`).
 * @public
 */
export function parseSubscription(input: unknown, path = 'spec'): ParsedSubscription {
  const spec = parseWith(subscriptionSpecSchema, input, path);
  const selectors: ClusterSelector[] = spec.subscribers.map((s) => ({
    labelSelector: s.clusterAffinity,
  }));
  const annotations: Record<string, string> = {};
  let minClusters: number | undefined;
  if (spec.schedulingBySubGroup) {
    const mins = spec.subscribers.map((s) => s.subGroupStrategy?.minClusters ?? 0);
    annotations[SUBGROUP_MIN_CLUSTERS_ANNOTATION] = JSON.stringify(mins);
    // Core's single minClusters can only say it when every subgroup asks the same.
    if (mins.every((m) => m === mins[0])) minClusters = mins[0];
  }
  if (spec.priority !== undefined) annotations[PRIORITY_ANNOTATION] = String(spec.priority);
  const placement: Placement = {
    clusterAffinity: selectors,
    ...(spec.clusterTolerations
      ? { clusterTolerations: spec.clusterTolerations as Toleration[] }
      : {}),
    replicaScheduling: replicaScheduling(spec, selectors),
    ...(minClusters === undefined ? {} : { minClusters }),
  };
  return {
    placement,
    annotations,
    schedulerName: spec.schedulerName,
    priority: spec.priority ?? 0,
    spec,
  };
}

function replicaScheduling(
  spec: SubscriptionSpec,
  selectors: readonly ClusterSelector[],
): ReplicaScheduling {
  if (spec.schedulingStrategy === 'Replication') return { type: 'Duplicated' };
  if ((spec.dividingScheduling?.type ?? 'Static') === 'Dynamic')
    return { type: 'Divided', division: 'DynamicWeight', dynamicWeight: 'AvailableReplicas' };
  return {
    type: 'Divided',
    division: 'StaticWeight',
    staticWeightList: spec.subscribers.map((s, i) => ({
      targetCluster: selectors[i] as ClusterSelector,
      weight: s.weight ?? 0,
    })),
  };
}
