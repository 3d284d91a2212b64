import type {
  AssignContext,
  Binding,
  Cluster,
  ScoredCluster,
  SpreadConstraint,
} from '@lifeboat/core';
import { freeReplicas, heldReplicas } from './replica-context';

/** The clusters to divide over, or why the spread constraints cannot be met. @public */
export type Selection =
  | { readonly clusters: readonly ScoredCluster[]; readonly error?: undefined }
  | { readonly error: string; readonly clusters?: undefined };

/** The value of the constraint's topology for a cluster (`undefined`: the cluster has none). @public */
export function groupOf(cluster: Cluster, constraint: SpreadConstraint): string | undefined {
  if (constraint.spreadByLabel) return cluster.metadata.labels?.[constraint.spreadByLabel];
  switch (constraint.spreadByField ?? 'cluster') {
    case 'cluster':
      return cluster.metadata.name;
    case 'region':
      return cluster.spec.region;
    case 'zone':
      return cluster.spec.zones?.[0];
    case 'provider':
      return cluster.spec.provider;
  }
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Applies `placement.spreadConstraints` (Karmada's cluster selection): clusters are ranked by
 * score, then by available replicas (free plus already held), then name. A topology constraint
 * (region, zone, provider or a label) needs at least `minGroups` groups and keeps the best
 * `maxGroups` of them (ranked by their best cluster, then total availability), each group's best
 * cluster first; the `cluster` constraint then keeps at most `maxGroups` clusters and needs
 * `minGroups`. For divided bindings, if the kept clusters cannot hold the replicas, the weakest
 * pick is swapped for the roomiest unpicked cluster while that helps. An unset `maxGroups` means
 * no limit (Karmada selects nothing, its issue #4617).
 * @public
 */
export function selectClusters(
  binding: Binding,
  candidates: readonly ScoredCluster[],
  context: AssignContext,
  divided: boolean,
): Selection {
  const constraints = binding.spec.placement.spreadConstraints ?? [];
  if (constraints.length === 0) return { clusters: candidates };
  // Room is read in every comparison below: work it out once per candidate and sort records.
  const records = candidates.map((c) => {
    const name = c.cluster.metadata.name;
    return {
      c,
      name,
      score: c.score,
      room: freeReplicas(binding, context, name) + heldReplicas(binding, name),
    };
  });
  records.sort((a, b) => b.score - a.score || b.room - a.room || byName(a.name, b.name));
  const rooms = new Map<ScoredCluster, number>(records.map((r) => [r.c, r.room]));
  const room = (c: ScoredCluster): number => rooms.get(c) as number;
  const ranked = records.map((r) => r.c);

  let pool = ranked;
  const topology = constraints.find(
    (c) => c.spreadByLabel || (c.spreadByField && c.spreadByField !== 'cluster'),
  );
  if (topology) {
    const groups = new Map<string, ScoredCluster[]>();
    for (const c of ranked) {
      const group = groupOf(c.cluster, topology);
      if (group === undefined) continue;
      const members = groups.get(group);
      if (members) members.push(c);
      else groups.set(group, [c]);
    }
    const label = topology.spreadByLabel
      ? `label ${topology.spreadByLabel}`
      : (topology.spreadByField as string);
    const min = topology.minGroups ?? 1;
    if (groups.size < min)
      return {
        error: `the number of feasible ${label} groups (${groups.size}) is less than minGroups ${min}`,
      };
    const ordered = [...groups.entries()].map(([name, members]) => ({
      name,
      members,
      total: members.reduce((sum, c) => sum + room(c), 0),
    }));
    ordered.sort(
      (a, b) =>
        (b.members[0] as ScoredCluster).score - (a.members[0] as ScoredCluster).score ||
        b.total - a.total ||
        byName(a.name, b.name),
    );
    const chosen = ordered.slice(0, topology.maxGroups || ordered.length).map((g) => g.members);
    const leaders = new Set(chosen.map((members) => members[0] as ScoredCluster));
    const inChosen = new Set(chosen.flat());
    pool = [...leaders, ...ranked.filter((c) => inChosen.has(c) && !leaders.has(c))];
  }

  const byCluster = constraints.find(
    (c) => !c.spreadByLabel && (c.spreadByField ?? 'cluster') === 'cluster',
  );
  if (!byCluster) return { clusters: pool };
  const min = byCluster.minGroups ?? 1;
  if (pool.length < min)
    return {
      error: `the number of feasible clusters (${pool.length}) is less than minGroups ${min}`,
    };
  const picked = pool.slice(0, byCluster.maxGroups || pool.length);
  if (divided) {
    const unpicked = pool.slice(picked.length).sort((a, b) => room(b) - room(a));
    let capacity = picked.reduce((sum, c) => sum + room(c), 0);
    while (capacity < binding.spec.replicas && unpicked.length > 0) {
      const weakest = picked.length - 1;
      const candidate = unpicked[0] as ScoredCluster;
      const out = picked[weakest] as ScoredCluster;
      if (room(candidate) <= room(out)) break;
      picked[weakest] = candidate;
      unpicked[0] = out;
      unpicked.sort((a, b) => room(b) - room(a));
      capacity += room(candidate) - room(out);
    }
    if (capacity < binding.spec.replicas)
      return {
        error: `the selected clusters can hold ${capacity} of ${binding.spec.replicas} replicas`,
      };
  }
  return { clusters: picked };
}
