import {
  Status,
  stateKey,
  type Binding,
  type Cluster,
  type ClusterSelector,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterPlugin,
  type PreFilterResult,
} from '@lifeboat/core';
import { clusterMatches } from '../../../cluster-selector';
import { CLUSTER_AFFINITY } from '../names';
import { expectNoArgs } from '../no-args';

/** Rejection reason (core's explanation puts the count first: `2 cluster(s) did not match ...`). @public */
export const REASON_AFFINITY_MISMATCH = 'did not match the placement cluster affinity constraint';

/** Post-filter reason when no later affinity group has a usable cluster. @public */
export const REASON_NO_FALLBACK_GROUP = 'no later cluster affinity group has a feasible cluster';

const CLUSTERS = stateKey<ReadonlyMap<string, Cluster>>('ClusterAffinity/clusters');

/** Index of the affinity group in force: the one the last schedule used, else the first. */
function activeTerm(binding: Binding): number {
  const observed = binding.status?.schedulerObservingAffinityName;
  const index = binding.spec.placement.clusterAffinities?.findIndex((t) => t.affinityName === observed) ?? -1;
  return Math.max(0, index);
}

function matches(binding: Binding, cluster: Cluster): boolean {
  const placement = binding.spec.placement;
  const terms = placement.clusterAffinities;
  if (terms && terms.length > 0) return clusterMatches(cluster, terms[activeTerm(binding)] as ClusterSelector);
  const selectors = placement.clusterAffinity ?? [];
  return selectors.length === 0 || selectors.some((s) => clusterMatches(cluster, s));
}

/**
 * `placement.clusterAffinity` (a cluster qualifies when any selector matches) or, with
 * `clusterAffinities`, the group in force (`status.schedulerObservingAffinityName`, else the
 * first). When no cluster is feasible, the post-filter nominates the clusters of the next group
 * that were rejected by this plugin alone, so it must run as the last filter (the default
 * profile does this): only then have the other filters already passed those clusters.
 * @public
 */
export class ClusterAffinity implements PreFilterPlugin, FilterPlugin, PostFilterPlugin {
  readonly name = CLUSTER_AFFINITY;

  preFilter(state: CycleState, _binding: Binding, clusters: readonly Cluster[]): PreFilterResult {
    state.write(CLUSTERS, new Map(clusters.map((c) => [c.metadata.name, c])));
    return { status: Status.success };
  }

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    return matches(binding, cluster) ? Status.success : Status.unschedulable(REASON_AFFINITY_MISMATCH);
  }

  postFilter(state: CycleState, binding: Binding, rejected: ReadonlyMap<string, Status>): PostFilterResult {
    const terms = binding.spec.placement.clusterAffinities ?? [];
    const clusters = state.read(CLUSTERS);
    if (!clusters) return { status: Status.unschedulable(REASON_NO_FALLBACK_GROUP) };
    const onlyAffinity = [...rejected].filter(([, s]) => s.plugin === CLUSTER_AFFINITY).map(([name]) => name);
    for (let i = activeTerm(binding) + 1; i < terms.length; i++) {
      const term = terms[i] as ClusterSelector;
      const nominated = onlyAffinity.filter((name) => {
        const cluster = clusters.get(name);
        return cluster !== undefined && clusterMatches(cluster, term);
      });
      if (nominated.length > 0) return { status: Status.success, nominated: nominated.sort() };
    }
    return { status: Status.unschedulable(REASON_NO_FALLBACK_GROUP) };
  }
}

/** Registers {@link ClusterAffinity} (no args). @public */
export const clusterAffinityRegistration: PluginRegistration = {
  name: CLUSTER_AFFINITY,
  factory: (args) => {
    expectNoArgs(CLUSTER_AFFINITY, args);
    return new ClusterAffinity();
  },
};
