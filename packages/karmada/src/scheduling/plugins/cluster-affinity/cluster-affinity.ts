import {
  PLACEMENT_GROUP,
  Status,
  matchesClusterSelector,
  stateKey,
  structuralKey,
  expectNoArgs,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type ClusterAffinityTerm,
  type PluginRegistration,
  type PostFilterContext,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterPlugin,
  type PreFilterResult,
} from '@lifeboat/core';
import { KARMADA_PLUGIN_NAMES } from '../names';

/** Rejection reason (core's explanation puts the count first: `2 cluster(s) did not match ...`). @public */
export const REASON_AFFINITY_MISMATCH = 'did not match the placement cluster affinity constraint';

// One frozen status for every mismatch (most clusters are rejected here; statuses are immutable).
const MISMATCH = Status.unschedulable(REASON_AFFINITY_MISMATCH);

/** Post-filter reason when no later affinity group has a usable cluster. @public */
export const REASON_NO_FALLBACK_GROUP = 'no later cluster affinity group has a feasible cluster';

// The candidates as the pre-filter saw them; only the post-filter (rare) needs them by name.
const CLUSTERS = stateKey<readonly Cluster[]>('ClusterAffinity/clusters');
// The index of the group in force this cycle: the binding's (see activeTerm) until the post-filter moves on.
const GROUP = stateKey<number>('ClusterAffinity/group');

/**
 * Index of the affinity group in force: the one the last schedule used
 * (`status.schedulerObservingAffinityName`), else the first. A requested reschedule
 * (`rescheduleTriggeredAt` after the last schedule) starts again from the first, as in Karmada.
 */
function activeTerm(binding: Binding): number {
  const triggered = binding.spec.rescheduleTriggeredAt;
  if (
    triggered !== undefined &&
    triggered > (binding.status?.lastScheduledTime ?? Number.NEGATIVE_INFINITY)
  )
    return 0;
  const observed = binding.status?.schedulerObservingAffinityName;
  const index =
    binding.spec.placement.clusterAffinities?.findIndex((t) => t.affinityName === observed) ?? -1;
  return Math.max(0, index);
}

/**
 * Whether the binding runs replicas (Karmada's `IsWorkload`): only those overflow to a term's
 * `overflowAffinities`, since other resources take no capacity.
 */
function isWorkload(binding: Binding): boolean {
  return binding.spec.replicas > 0 || binding.spec.replicaRequirements !== undefined;
}

/**
 * A cluster's tier in an affinity term: 0 when the term itself matches it, `i + 1` when its
 * `i`-th overflow affinity does first (workloads only), `undefined` when none does.
 * @public
 */
export function overflowOrder(
  binding: Binding,
  term: ClusterAffinityTerm,
  cluster: Cluster,
): number | undefined {
  if (matchesClusterSelector(term, cluster)) return 0;
  if (!isWorkload(binding)) return undefined;
  const index = term.overflowAffinities?.findIndex((o) => matchesClusterSelector(o, cluster));
  return index === undefined || index < 0 ? undefined : index + 1;
}

function matches(state: CycleState, binding: Binding, cluster: Cluster): boolean {
  const placement = binding.spec.placement;
  const term = placement.clusterAffinities?.[state.read(GROUP) ?? activeTerm(binding)];
  if (term) return overflowOrder(binding, term, cluster) !== undefined;
  const selectors = placement.clusterAffinity ?? [];
  return selectors.length === 0 || selectors.some((s) => matchesClusterSelector(s, cluster));
}

/**
 * `placement.clusterAffinity` (a cluster qualifies when any selector matches) or, with ordered
 * `clusterAffinities`, the group in force. The group a cycle schedules with is recorded under
 * core's `PLACEMENT_GROUP`, which the scheduling controller writes to
 * `status.schedulerObservingAffinityName`, so later schedules stay on it (Karmada never walks
 * back to an earlier group by itself). A workload's group also takes the clusters of its
 * `overflowAffinities` (the strategy fills them only once the group itself is full). When no
 * cluster is feasible, or the strategy cannot place the replicas on the feasible ones (too little
 * capacity), the post-filter moves the cycle to the first later group that has usable clusters
 * (rejected by this plugin alone, or feasible but too small) and nominates them; the scheduler
 * then puts them through every filter again. Those are all the usable
 * clusters of a group only if every other filter has already run on them, so the plugin
 * declares that its filter runs last (`order`), and the framework keeps it there whatever
 * order a merged profile lists.
 * @public
 */
export class ClusterAffinity implements PreFilterPlugin, FilterPlugin, PostFilterPlugin {
  readonly name = KARMADA_PLUGIN_NAMES.ClusterAffinity;
  readonly order = { filter: 'last' } as const;

  preFilter(state: CycleState, binding: Binding, clusters: readonly Cluster[]): PreFilterResult {
    state.write(CLUSTERS, clusters);
    const group = activeTerm(binding);
    state.write(GROUP, group);
    const term = binding.spec.placement.clusterAffinities?.[group];
    if (term) state.write(PLACEMENT_GROUP, term.affinityName);
    return { status: Status.success };
  }

  /** The verdict for the group in force; the cycle state only moves on from the binding's group after the post-filter. */
  filter(state: CycleState, binding: Binding, cluster: Cluster): Status {
    return matches(state, binding, cluster) ? Status.success : MISMATCH;
  }

  /** The verdict depends on the affinity group in force (or `clusterAffinity`) only. */
  equivalenceKey(binding: Binding): string {
    const terms = binding.spec.placement.clusterAffinities;
    if (terms && terms.length > 0) return `group:${structuralKey(terms[activeTerm(binding)])}`;
    return `any:${structuralKey(binding.spec.placement.clusterAffinity)}`;
  }

  postFilter(
    state: CycleState,
    binding: Binding,
    rejected: ReadonlyMap<string, Status>,
    context?: PostFilterContext,
  ): PostFilterResult {
    const terms = binding.spec.placement.clusterAffinities ?? [];
    const candidates = state.read(CLUSTERS);
    if (!candidates) return { status: Status.unschedulable(REASON_NO_FALLBACK_GROUP) };
    const clusters = new Map(candidates.map((c) => [c.metadata.name, c]));
    // The clusters every other filter passed: those only this plugin rejected, and those the
    // strategy could not place the replicas on (a group too small moves on, as in Karmada).
    const usable = [...rejected]
      .filter(([, s]) => s.plugin === KARMADA_PLUGIN_NAMES.ClusterAffinity)
      .map(([name]) => name)
      .concat(context?.unassigned?.clusters ?? []);
    const from = state.read(GROUP) ?? activeTerm(binding);
    for (const [i, term] of terms.entries()) {
      if (i <= from) continue;
      const nominated = usable.filter((name) => {
        const cluster = clusters.get(name);
        return cluster !== undefined && overflowOrder(binding, term, cluster) !== undefined;
      });
      if (nominated.length > 0) {
        state.write(GROUP, i);
        state.write(PLACEMENT_GROUP, term.affinityName);
        return { status: Status.success, nominated: nominated.sort() };
      }
    }
    return { status: Status.unschedulable(REASON_NO_FALLBACK_GROUP) };
  }
}

/** Registers {@link ClusterAffinity} (no args). @public */
export const clusterAffinityRegistration: PluginRegistration = {
  name: KARMADA_PLUGIN_NAMES.ClusterAffinity,
  factory: (args) => {
    expectNoArgs(args);
    return new ClusterAffinity();
  },
};
