import type {
  AssignContext,
  Binding,
  Cluster,
  ScoredCluster,
  SpreadConstraint,
} from '@lifeboat/core';
import { freeReplicas, heldReplicas } from './replica-context';
import { selectGroups, type GroupInfo } from './select-groups';

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
 * What of the spread selection does not depend on the replica count: the candidates ranked by
 * score, then room, then name, and their topology groups. Built once per candidate list, room
 * and constraints; {@link selectFromPlan} then selects for a replica count.
 * @internal
 */
export interface SpreadPlan {
  readonly ranked: readonly ScoredCluster[];
  readonly rooms: ReadonlyMap<ScoredCluster, number>;
  /** The `cluster` constraint, if any. */
  readonly byCluster?: SpreadConstraint;
  /** The topology constraint (region, zone, provider or label), if any, and its groups. */
  readonly topology?: {
    readonly constraint: SpreadConstraint;
    readonly label: string;
    /** Each group's clusters in rank order, groups in order of their best cluster. */
    readonly groups: ReadonlyMap<string, readonly ScoredCluster[]>;
  };
  /** The candidate pool of each chosen set of groups, by the groups' names in chosen order. */
  readonly pools: Map<string, readonly ScoredCluster[]>;
}

/**
 * Ranks the candidates for the spread constraints, with each candidate's room (free plus
 * already held replicas) from `roomOf`.
 * @internal
 */
export function spreadPlan(
  constraints: readonly SpreadConstraint[],
  candidates: readonly ScoredCluster[],
  roomOf: (cluster: string) => number,
): SpreadPlan {
  // Room is read in every comparison below: work it out once per candidate and sort records.
  const records = candidates.map((c) => {
    const name = c.cluster.metadata.name;
    return { c, name, score: c.score, room: roomOf(name) };
  });
  records.sort((a, b) => b.score - a.score || b.room - a.room || byName(a.name, b.name));
  const rooms = new Map<ScoredCluster, number>(records.map((r) => [r.c, r.room]));
  const ranked = records.map((r) => r.c);
  const byCluster = constraints.find(
    (c) => !c.spreadByLabel && (c.spreadByField ?? 'cluster') === 'cluster',
  );
  const constraint = constraints.find(
    (c) => c.spreadByLabel || (c.spreadByField && c.spreadByField !== 'cluster'),
  );
  const pools = new Map<string, readonly ScoredCluster[]>();
  if (!constraint) return { ranked, rooms, byCluster, pools };
  const groups = new Map<string, ScoredCluster[]>();
  for (const c of ranked) {
    const group = groupOf(c.cluster, constraint);
    if (group === undefined) continue;
    const members = groups.get(group);
    if (members) members.push(c);
    else groups.set(group, [c]);
  }
  const label = constraint.spreadByLabel
    ? `label ${constraint.spreadByLabel}`
    : (constraint.spreadByField as string);
  return { ranked, rooms, byCluster, topology: { constraint, label, groups }, pools };
}

/**
 * Applies `placement.spreadConstraints` (Karmada's cluster selection): clusters are ranked by
 * score, then by available replicas (free plus already held), then name. A topology constraint
 * (region, zone, provider or a label) needs at least `minGroups` groups and keeps the set of
 * `minGroups` to `maxGroups` groups Karmada's search chooses (`selectGroups` over each
 * group's cluster count and `groupScore`, so that they hold the `cluster` constraint's
 * `minGroups` clusters), each group's best cluster first; the `cluster` constraint then keeps at
 * most `maxGroups` clusters and needs
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
  const plan = spreadPlan(
    constraints,
    candidates,
    (name) => freeReplicas(binding, context, name) + heldReplicas(binding, name),
  );
  return selectFromPlan(plan, binding.spec.replicas, divided);
}

/**
 * The selection of {@link selectClusters} for `replicas` over a plan.
 * @internal
 */
export function selectFromPlan(plan: SpreadPlan, replicas: number, divided: boolean): Selection {
  const room = (c: ScoredCluster): number => plan.rooms.get(c) as number;
  const { byCluster, topology } = plan;
  let pool = plan.ranked;
  if (topology) {
    const { constraint, label, groups } = topology;
    const min = constraint.minGroups ?? 1;
    if (groups.size < min)
      return {
        error: `the number of feasible ${label} groups (${groups.size}) is less than minGroups ${min}`,
      };
    const clusterMin = byCluster?.minGroups ?? 0;
    const infos: GroupInfo[] = [...groups].map(([name, members]) => ({
      name,
      value: members.length,
      weight: groupScore(replicas, members, room, min, clusterMin, divided),
    }));
    const selected = selectGroups(infos, min, constraint.maxGroups || groups.size, clusterMin);
    if (!selected)
      return {
        error: `no ${min} to ${constraint.maxGroups || groups.size} ${label} groups hold the ${clusterMin} clusters of the cluster constraint's minGroups`,
      };
    pool = poolOf(plan, groups, selected);
  }

  if (!byCluster) return { clusters: pool };
  const min = byCluster.minGroups ?? 1;
  if (pool.length < min)
    return {
      error: `the number of feasible clusters (${pool.length}) is less than minGroups ${min}`,
    };
  const picked = pool.slice(0, byCluster.maxGroups || pool.length);
  if (divided) {
    let capacity = picked.reduce((sum, c) => sum + room(c), 0);
    if (capacity < replicas && pool.length > picked.length) {
      const unpicked = pool.slice(picked.length).sort((a, b) => room(b) - room(a));
      while (capacity < replicas && unpicked.length > 0) {
        const weakest = picked.length - 1;
        const candidate = unpicked[0] as ScoredCluster;
        const out = picked[weakest] as ScoredCluster;
        if (room(candidate) <= room(out)) break;
        picked[weakest] = candidate;
        unpicked[0] = out;
        unpicked.sort((a, b) => room(b) - room(a));
        capacity += room(candidate) - room(out);
      }
    }
    if (capacity < replicas)
      return {
        error: `the selected clusters can hold ${capacity} of ${replicas} replicas`,
      };
  }
  return { clusters: picked };
}

/** The chosen groups' leaders (best weight first), then their other clusters in rank order. */
function poolOf(
  plan: SpreadPlan,
  groups: ReadonlyMap<string, readonly ScoredCluster[]>,
  selected: readonly GroupInfo[],
): readonly ScoredCluster[] {
  const key = selected.map((g) => g.name).join('\u0000');
  let pool = plan.pools.get(key);
  if (!pool) {
    const chosen = selected.map((g) => groups.get(g.name) as readonly ScoredCluster[]);
    const leaders = new Set(chosen.map((members) => members[0] as ScoredCluster));
    const inChosen = new Set(chosen.flat());
    pool = [...leaders, ...plan.ranked.filter((c) => inChosen.has(c) && !leaders.has(c))];
    plan.pools.set(key, pool);
  }
  return pool;
}

/** Keeps the replica count first and the average cluster score second in a group's score. */
const WEIGHT_UNIT = 1000;

/**
 * Karmada's group score (`calcGroupScore`): how well a topology group, its clusters best first,
 * can take the binding. Duplicated: 1000 per cluster that can hold every replica plus their
 * average score. Divided: the replicas the group can hold towards its share
 * (`ceil(replicas / minGroups)`), counted over its best clusters until there are as many as the
 * larger minGroups and they hold the share, times 1000, plus the average score of those clusters.
 * @internal
 */
export function groupScore(
  replicas: number,
  members: readonly ScoredCluster[],
  room: (c: ScoredCluster) => number,
  minGroups: number,
  clusterMinGroups: number,
  divided: boolean,
): number {
  if (!divided) {
    const valid = members.filter((c) => room(c) >= replicas);
    if (valid.length === 0) return 0;
    const scores = valid.reduce((sum, c) => sum + c.score, 0);
    return valid.length * WEIGHT_UNIT + Math.floor(scores / valid.length);
  }
  const share = Math.ceil(replicas / Math.max(1, minGroups));
  const needed = Math.max(clusterMinGroups, minGroups);
  let held = 0;
  let scores = 0;
  let counted = 0;
  for (const c of members) {
    held += room(c);
    scores += c.score;
    counted++;
    if (counted >= needed && held >= share) break;
  }
  if (held < share) return held * WEIGHT_UNIT + Math.floor(scores / members.length);
  return share * WEIGHT_UNIT + Math.floor(scores / counted);
}
