import {
  Status,
  type AssignContext,
  type AssignResult,
  type Binding,
  type ScoredCluster,
  type TargetCluster,
} from '@lifeboat/core';
import { divideDynamically } from './dynamic-division';
import type { RankedCandidatesCache } from './ranked-candidates';
import { freeReplicas, tieBreakKey } from './replica-context';
import { selectClusters } from './select-clusters';
import { websterWinners } from './webster';

/**
 * The shared path of the dynamic strategies: spread selection, then {@link divideDynamically}
 * in Steady mode (Fresh when `rescheduleTriggeredAt` is newer than the last schedule). A binding
 * that holds no replicas and has no spread constraints (a first placement) takes a shortcut over
 * the class-wide ranking with the same result.
 * @internal
 */
export function assignDynamically(
  binding: Binding,
  candidates: readonly ScoredCluster[],
  context: AssignContext,
  aggregated: boolean,
  cache?: RankedCandidatesCache,
): AssignResult {
  const triggered = binding.spec.rescheduleTriggeredAt;
  const fresh =
    triggered !== undefined &&
    triggered > (binding.status?.lastScheduledTime ?? Number.NEGATIVE_INFINITY);
  // Only a binding that holds nothing anywhere can use the class ranking; checking that first keeps
  // bindings with their own candidate lists (mid-failover) from ranking lists nobody shares.
  const holdsNothing = !(binding.spec.clusters ?? []).some((t) => t.replicas > 0);
  if (cache && holdsNothing && !fresh && !binding.spec.placement.spreadConstraints?.length) {
    const ranked = cache.get(candidates, context.availableReplicas);
    if (ranked)
      return placeAll(
        binding.spec.replicas,
        ranked.byRoom,
        ranked.total,
        aggregated,
        tieBreakKey(binding),
      );
  }
  const selection = selectClusters(binding, candidates, context, true);
  if (selection.error !== undefined) return { status: Status.unschedulable(selection.error) };
  const result = divideDynamically({
    replicas: binding.spec.replicas,
    candidates: selection.clusters.map((c) => ({
      name: c.cluster.metadata.name,
      available: freeReplicas(binding, context, c.cluster.metadata.name),
    })),
    previous: binding.spec.clusters ?? [],
    fresh,
    aggregated,
    tieBreakKey: tieBreakKey(binding),
  });
  return result.error !== undefined
    ? { status: Status.unschedulable(result.error) }
    : { clusters: result.clusters };
}

/** All replicas over candidates ranked roomiest first, exactly as {@link divideDynamically} places them when nothing is held. */
function placeAll(
  replicas: number,
  byRoom: readonly { name: string; weight: number }[],
  total: number,
  aggregated: boolean,
  key: string,
): AssignResult {
  if (replicas === 0) return { clusters: [] };
  if (total < replicas)
    return {
      status: Status.unschedulable(
        `Clusters available replicas ${total} are not enough to schedule`,
      ),
    };
  let end = 0;
  if (aggregated) {
    // The fewest roomiest clusters that can hold every replica.
    for (let cumulative = 0; end < byRoom.length && cumulative < replicas; end++)
      cumulative += (byRoom[end] as { weight: number }).weight;
  } else {
    // Only parties as heavy as the replicas-th heaviest can win a seat (see websterWinners).
    const threshold = (byRoom[Math.min(replicas, byRoom.length) - 1] as { weight: number }).weight;
    while (end < byRoom.length && (byRoom[end] as { weight: number }).weight >= threshold) end++;
  }
  const clusters: TargetCluster[] = [];
  for (const [name, n] of websterWinners(replicas, byRoom.slice(0, end), key))
    if (n > 0) clusters.push({ name, replicas: n });
  return { clusters: clusters.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}
