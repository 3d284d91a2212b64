import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type { ScoredCluster } from '../contracts/scheduling-strategy';
import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { ClusterSnapshot } from './cluster-snapshot';
import type { CycleState } from './cycle-state';
import type { PreFilterOutcome, SchedulerFramework } from './framework';
import { Status } from './status';

/** What filtering found. @internal */
export interface Feasibility {
  /** The clusters every filter passed, in name order. */
  readonly feasible: readonly Cluster[];
  /** Every other cluster's status by name, built on demand (post-filter, explanations). */
  rejected(): Map<string, Status>;
}

/** The `Error` status that aborts the cycle (a bug or I/O: retried with backoff). @internal */
export interface Aborted {
  readonly error: Status;
}

/** @internal */
export function isAborted<T extends object>(outcome: T | Aborted): outcome is Aborted {
  return 'error' in outcome;
}

/**
 * Where a cycle's filter, score and capacity steps get their results: computed for the binding
 * alone ({@link PerBindingSteps}) or shared with the other bindings of its equivalence class
 * (the `EquivalenceCache`). Both give the same results.
 * @internal
 */
export interface CycleSteps {
  filter(
    state: CycleState,
    binding: Binding,
    snapshot: ClusterSnapshot,
    pre: PreFilterOutcome,
  ): Feasibility | Aborted;
  rank(
    state: CycleState,
    binding: Binding,
    found: Feasibility,
    skipped: ReadonlySet<string>,
  ): { readonly scored: readonly ScoredCluster[] } | Aborted;
  estimate(
    state: CycleState,
    binding: Binding,
    found: Feasibility,
  ): Promise<ReadonlyMap<string, number>>;
}

/** The verdict on clusters a pre-filter narrowed away. @internal */
export const REJECTED_BY_PRE_FILTER = Status.unresolvable(
  'were filtered out by pre-filter',
).withPlugin('PreFilter');

const NOTHING_SKIPPED: ReadonlySet<string> = new Set();

/** Best score first, ties by cluster name. @internal */
export function byScoreThenName(a: ScoredCluster, b: ScoredCluster): number {
  if (a.score !== b.score) return b.score - a.score;
  const an = a.cluster.metadata.name;
  const bn = b.cluster.metadata.name;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** The steps as the plain cycle runs them: every plugin for this binding on every cluster. @internal */
export class PerBindingSteps implements CycleSteps {
  constructor(
    private readonly framework: SchedulerFramework,
    private readonly estimators: readonly CapacityEstimator[],
  ) {}

  filter(
    state: CycleState,
    binding: Binding,
    snapshot: ClusterSnapshot,
    pre: PreFilterOutcome,
  ): Feasibility | Aborted {
    const all = snapshot.sorted;
    // An empty set is not consulted per cluster and plugin (this loop is the whole cost of a cycle).
    const skipped = pre.skipped.size > 0 ? pre.skipped : undefined;
    // Verdicts are kept by position and turned into a map only when asked.
    const statuses = new Array<Status>(all.length);
    const feasible: Cluster[] = [];
    for (let i = 0; i < all.length; i++) {
      const cluster = all[i] as Cluster;
      if (pre.clusters && !pre.clusters.has(cluster.metadata.name)) {
        statuses[i] = REJECTED_BY_PRE_FILTER;
        continue;
      }
      const status = this.framework.runFilterPlugins(state, binding, cluster, skipped);
      if (status.code === 'Error') return { error: status };
      statuses[i] = status;
      if (status.isSuccess()) feasible.push(cluster);
    }
    return {
      feasible,
      rejected: () => {
        const map = new Map<string, Status>();
        statuses.forEach((status, i) => {
          if (!status.isSuccess()) map.set((all[i] as Cluster).metadata.name, status);
        });
        return map;
      },
    };
  }

  /**
   * A post-filter's nominations put through the pre-filter narrowing and every filter again,
   * with the cycle state the post-filter left, so no filter can be bypassed by a nomination
   * (kube-scheduler runs a new cycle on a nominated node). Names of unknown clusters are ignored.
   */
  filterNominated(
    state: CycleState,
    binding: Binding,
    snapshot: ClusterSnapshot,
    pre: PreFilterOutcome,
    nominated: readonly string[],
    before: Feasibility,
  ): Feasibility | Aborted {
    const positions = [...new Set(nominated)]
      .map((name) => snapshot.position.get(name))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);
    const verdicts = new Map<string, Status>();
    const feasible: Cluster[] = [];
    for (const i of positions) {
      const cluster = snapshot.sorted[i] as Cluster;
      const name = cluster.metadata.name;
      const status =
        pre.clusters && !pre.clusters.has(name)
          ? REJECTED_BY_PRE_FILTER
          : this.framework.runFilterPlugins(state, binding, cluster, pre.skipped);
      if (status.code === 'Error') return { error: status };
      verdicts.set(name, status);
      if (status.isSuccess()) feasible.push(cluster);
    }
    return {
      feasible,
      rejected: () => {
        const map = before.rejected();
        for (const [name, status] of verdicts) {
          if (status.isSuccess()) map.delete(name);
          else map.set(name, status);
        }
        return map;
      },
    };
  }

  rank(
    state: CycleState,
    binding: Binding,
    found: Feasibility,
    skipped: ReadonlySet<string> = NOTHING_SKIPPED,
  ): { readonly scored: readonly ScoredCluster[] } | Aborted {
    const { feasible } = found;
    const { status, totals } = this.framework.runScorePlugins(state, binding, feasible, skipped);
    if (!status.isSuccess()) return { error: status };
    const scored = feasible.map((cluster, i) => ({ cluster, score: totals[i] ?? 0 }));
    return { scored: scored.sort(byScoreThenName) };
  }

  /** The estimators' answers for the feasible clusters: the minimum per cluster counts. */
  async estimate(
    state: CycleState,
    binding: Binding,
    found: Feasibility,
  ): Promise<ReadonlyMap<string, number>> {
    const [only, ...others] = this.estimators;
    // One estimator: its answer is the minimum already (no per-binding copy).
    if (only && others.length === 0)
      return only.maxAvailableReplicas(binding, found.feasible, state);
    const available = new Map<string, number>();
    for (const estimator of this.estimators) {
      const answer = await estimator.maxAvailableReplicas(binding, found.feasible, state);
      for (const [name, replicas] of answer)
        available.set(name, Math.min(available.get(name) ?? Number.POSITIVE_INFINITY, replicas));
    }
    return available;
  }
}
