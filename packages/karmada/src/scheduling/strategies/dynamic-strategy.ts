import {
  PLACEMENT_GROUP,
  Status,
  type AssignContext,
  type AssignResult,
  type Binding,
  type ScoredCluster,
  type TargetCluster,
} from '@lifeboat/core';
import { overflowOrder } from '../plugins/cluster-affinity/cluster-affinity';
import { divideDynamically, type DivisionResult, type DynamicCandidate } from './dynamic-division';
import type { RankedCandidatesCache } from './ranked-candidates';
import { freeReplicas, heldReplicas, tieBreakKey } from './replica-context';
import { selectClusters } from './select-clusters';
import type { SpreadSelectionCache } from './spread-selection-cache';
import { websterWinners } from './webster';

/**
 * The shared path of the dynamic strategies: spread selection, then {@link divideDynamically}
 * in Steady mode (Fresh when `rescheduleTriggeredAt` is newer than the last schedule), tier by
 * tier when the affinity group in force has `overflowAffinities`. A binding
 * that holds no replicas and has no spread constraints (a first placement) takes a shortcut over
 * the class-wide ranking with the same result; a first placement with spread constraints takes
 * its selection from `selections` when given (one per class, the same result).
 * @internal
 */
export function assignDynamically(
  binding: Binding,
  candidates: readonly ScoredCluster[],
  context: AssignContext,
  aggregated: boolean,
  cache?: RankedCandidatesCache,
  selections?: SpreadSelectionCache,
): AssignResult {
  const triggered = binding.spec.rescheduleTriggeredAt;
  const fresh =
    triggered !== undefined &&
    triggered > (binding.status?.lastScheduledTime ?? Number.NEGATIVE_INFINITY);
  // Only a binding that holds nothing anywhere can use the class ranking; checking that first keeps
  // bindings with their own candidate lists (mid-failover) from ranking lists nobody shares.
  const holdsNothing = !(binding.spec.clusters ?? []).some((t) => t.replicas > 0);
  const tiers = overflowTiers(binding, candidates, context);
  if (
    cache &&
    !tiers &&
    holdsNothing &&
    !fresh &&
    !binding.spec.placement.spreadConstraints?.length
  ) {
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
  const selection = selections
    ? selections.select(binding, candidates, context, true)
    : selectClusters(binding, candidates, context, true);
  if (selection.error !== undefined) return { status: Status.unschedulable(selection.error) };
  const selected = selection.clusters.map((c) => ({
    name: c.cluster.metadata.name,
    available: freeReplicas(binding, context, c.cluster.metadata.name),
  }));
  const divide = (replicas: number, tier: readonly DynamicCandidate[]) =>
    divideDynamically({
      replicas,
      candidates: tier,
      previous: binding.spec.clusters ?? [],
      fresh,
      aggregated,
      tieBreakKey: tieBreakKey(binding),
    });
  if (tiers) return fillTiers(binding, selected, tiers, divide);
  const result = divide(binding.spec.replicas, selected);
  return result.error !== undefined
    ? { status: Status.unschedulable(result.error) }
    : { clusters: result.clusters };
}

/**
 * The overflow tier of each candidate (0: the affinity group itself), when the group in force
 * has `overflowAffinities`; `undefined` otherwise.
 */
function overflowTiers(
  binding: Binding,
  candidates: readonly ScoredCluster[],
  context: AssignContext,
): ReadonlyMap<string, number> | undefined {
  const terms = binding.spec.placement.clusterAffinities;
  if (!terms?.length) return undefined;
  const name =
    context.state?.read(PLACEMENT_GROUP) ?? binding.status?.schedulerObservingAffinityName;
  const term = terms.find((t) => t.affinityName === name) ?? terms[0];
  if (!term?.overflowAffinities?.length) return undefined;
  const tiers = new Map<string, number>();
  for (const c of candidates) {
    const order = overflowOrder(binding, term, c.cluster);
    if (order !== undefined) tiers.set(c.cluster.metadata.name, order);
  }
  return tiers;
}

/**
 * Karmada's overflow assignment: tier by tier, each tier divides what the earlier ones could not
 * hold, up to its own room (free plus held replicas), with the binding's division. So replicas
 * overflow only once the group is full, and a scale-down shrinks the last tiers first.
 */
function fillTiers(
  binding: Binding,
  selected: readonly DynamicCandidate[],
  tiers: ReadonlyMap<string, number>,
  divide: (replicas: number, tier: readonly DynamicCandidate[]) => DivisionResult,
): AssignResult {
  const byTier = new Map<number, DynamicCandidate[]>();
  for (const c of selected) {
    const tier = tiers.get(c.name);
    if (tier === undefined) continue;
    const members = byTier.get(tier);
    if (members) members.push(c);
    else byTier.set(tier, [c]);
  }
  const clusters: TargetCluster[] = [];
  let remaining = binding.spec.replicas;
  for (const tier of [...byTier.keys()].sort((a, b) => a - b)) {
    if (remaining <= 0) break;
    const members = byTier.get(tier) as DynamicCandidate[];
    const room = members.reduce((sum, c) => sum + c.available + heldReplicas(binding, c.name), 0);
    const share = Math.min(remaining, room);
    const result = divide(share, members);
    if (result.error !== undefined) return { status: Status.unschedulable(result.error) };
    clusters.push(...result.clusters);
    remaining -= share;
  }
  if (remaining > 0)
    return {
      status: Status.unschedulable(
        `Clusters available replicas are not enough to schedule (${remaining} replicas left over after every overflow tier)`,
      ),
    };
  return { clusters: clusters.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
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
