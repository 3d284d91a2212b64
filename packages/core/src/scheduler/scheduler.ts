import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type { ScoredCluster, SchedulingStrategy } from '../contracts/scheduling-strategy';
import type { Binding, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { ClusterSnapshot } from './cluster-snapshot';
import { CycleState, PLACEMENT_GROUP } from './cycle-state';
import {
  PerBindingSteps,
  isAborted,
  type Aborted,
  type CycleSteps,
  type Feasibility,
} from './cycle-steps';
import { AssumedReplicas } from './assumed-replicas';
import { EquivalenceCache } from './equivalence-cache';
import { FitError } from './fit-error';
import type { SchedulerFramework } from './framework';
import { Status } from './status';
import { MAX_POST_FILTER_ROUNDS } from '../contracts/scheduler-plugins';

/** The outcome of scheduling one binding. @public */
export type ScheduleResult =
  | {
      readonly ok: true;
      readonly clusters: readonly TargetCluster[];
      /** The feasible clusters with their scores, best first (may be shared between results: read-only). */
      readonly scored: readonly ScoredCluster[];
      readonly strategy: string;
      /** The placement group the cycle scheduled with, when a plugin recorded one under {@link PLACEMENT_GROUP}. */
      readonly placementGroup?: string;
    }
  | {
      readonly ok: false;
      /** `Error` for bugs and I/O (retry with backoff); otherwise unschedulable. */
      readonly status: Status;
      readonly fitError?: FitError;
    };

/** Options of a {@link Scheduler}. @public */
export interface SchedulerOptions {
  /**
   * Share filter, score and capacity results between bindings of the same equivalence class
   * (default true). Turn it off to measure or debug the plain per-binding cycle; results are the
   * same either way.
   */
  readonly equivalenceCache?: boolean;
  /**
   * How long a placement the scheduler was told about ({@link Scheduler.assume}) counts against
   * its clusters' capacity while they have not reported it (default 5 minutes, as Karmada's
   * assumption TTL).
   */
  readonly assumedReplicasTtlMs?: number;
}

const NOTHING_SKIPPED: ReadonlySet<string> = new Set();
const NO_PRE_SCORE = { status: Status.success, skipped: NOTHING_SKIPPED };

function failed(status: Status): ScheduleResult {
  return { ok: false, status };
}

/** Unschedulable, explained from every cluster's rejection (and a reason for the whole binding). */
function unschedulable(fitError: FitError, plugin?: string): ScheduleResult {
  const status = Status.unschedulable(fitError.message());
  return { ok: false, status: plugin ? status.withPlugin(plugin) : status, fitError };
}

/** The filters' rejections, and the strategy's verdict on the clusters it could not use. */
function rejectedOrUnassigned(
  found: Feasibility,
  unassigned: { readonly clusters: readonly string[]; readonly status: Status },
): Map<string, Status> {
  const rejected = found.rejected();
  const verdict = Status.unschedulable(
    `could not take the replicas (${unassigned.status.message()})`,
  ).withPlugin(unassigned.status.plugin ?? '');
  for (const name of unassigned.clusters) rejected.set(name, verdict);
  return rejected;
}

function noStrategyFor(binding: Binding): Status {
  const replicaScheduling = JSON.stringify(binding.spec.placement.replicaScheduling);
  return Status.error(
    new Error(
      `no scheduling strategy applies to replica scheduling ${replicaScheduling}; ` +
        'register one under SCHEDULING_STRATEGIES',
    ),
  );
}

/**
 * Places a binding's replicas: runs one scheduling cycle of the framework's plugins over the
 * clusters, then the strategy that applies to the binding. Deterministic: clusters are taken in
 * name order and ties are broken by name.
 *
 * Equivalence cache (on unless `options.equivalenceCache` is false, see `EquivalenceHints`):
 * when every filter and score plugin that runs has an `equivalenceKey` and no pre-score plugin
 * is enabled, bindings with equal keys share the filter verdicts, the score totals and the
 * ranking (with a normalizing score plugin, the ranking only among bindings whose candidates
 * are the class's own list), and, when every estimator has an `equivalenceKey` too, the capacity
 * answer. It holds for one cluster state: the scheduler remembers the cluster
 * objects it was last given; a changed object (the store writes a new one on every change) is
 * asked again alone, and a cluster joining or leaving (or most of them changing) starts afresh.
 * Each binding's own rules are applied on top: pre-filter narrowing and the plugins'
 * `bindingSpecificClusters` (e.g. the clusters it is being evicted from), which are asked again
 * for that binding. Results are the same with the cache on or off; `ScheduleResult.scored` may
 * then be an array shared between results (it is read-only).
 * @public
 */
export class Scheduler {
  private readonly perBinding: PerBindingSteps;
  private readonly cache?: EquivalenceCache;
  private readonly assumed: AssumedReplicas;
  private snapshot?: ClusterSnapshot;

  constructor(
    readonly framework: SchedulerFramework,
    private readonly strategies: readonly SchedulingStrategy[],
    estimators: readonly CapacityEstimator[],
    readonly options: SchedulerOptions = {},
  ) {
    this.perBinding = new PerBindingSteps(framework, estimators);
    this.assumed = new AssumedReplicas(options.assumedReplicasTtlMs);
    if (options.equivalenceCache !== false)
      this.cache = new EquivalenceCache(framework, estimators, this.perBinding);
  }

  /**
   * Tells the scheduler that `placement` was written for `binding` (what its `spec.clusters`
   * held before): until the clusters report the added replicas, later cycles see them in the
   * clusters' `status.allocated`, so capacity estimates count them (no overcommit when many
   * bindings are placed before the members report, as in a failover storm). See
   * {@link AssumedReplicas} for when an assumption ends.
   */
  assume(binding: Binding, placement: readonly TargetCluster[], now: number): void {
    this.assumed.assume(binding, placement, now);
  }

  /** The strategy for this binding: the last registered one that applies. */
  strategyFor(binding: Binding): SchedulingStrategy | undefined {
    return this.strategies.findLast((strategy) => strategy.appliesTo(binding));
  }

  /**
   * One scheduling cycle for `binding` over `clusters` at `now` (ms):
   * 1. pre-filter: may narrow the candidates or reject the binding outright;
   * 2. filter every candidate; when none is feasible, post-filter, whose nominations are put
   *    through every filter again (so none is bypassed);
   * 3. pre-score, score and rank the feasible clusters, best first;
   * 4. estimate their free capacity, let the strategy divide the replicas, reserve. When the
   *    strategy cannot place them (too little capacity), the post-filters run again with
   *    `unassigned` set, and their nominations go through steps 2 to 4 (at most
   *    `MAX_POST_FILTER_ROUNDS` rounds).
   *
   * Unschedulable results carry a {@link FitError} explaining each cluster's rejection; an
   * `Error` status (a plugin threw, an estimator failed) means retry with backoff.
   */
  async schedule(
    binding: Binding,
    clusters: readonly Cluster[],
    now: number,
  ): Promise<ScheduleResult> {
    const strategy = this.strategyFor(binding);
    if (!strategy) return failed(noStrategyFor(binding));
    const state = new CycleState();
    const snapshot = this.snapshotOf(this.assumed.view(clusters, now));
    const total = snapshot.sorted.length;

    const pre = await this.framework.runPreFilterPlugins(state, binding, snapshot.sorted);
    if (pre.status.code === 'Error') return failed(pre.status);
    if (!pre.status.isSuccess()) {
      const everyCluster = new Map(snapshot.sorted.map((c) => [c.metadata.name, pre.status]));
      return unschedulable(new FitError(total, everyCluster), pre.status.plugin ?? 'PreFilter');
    }

    let steps: CycleSteps = this.cache?.stepsFor(binding, pre) ?? this.perBinding;
    let found: Feasibility | Aborted = steps.filter(state, binding, snapshot, pre);
    if (isAborted(found)) return failed(found.error);
    // Why the last round could not place the binding: unset while no cluster is feasible.
    let unassigned: { clusters: readonly string[]; status: Status } | undefined;
    // Whether a post-filter already moved the cycle on from the strategy's first candidates.
    let moved = false;
    for (let round = 0; ; round++) {
      if (found.feasible.length === 0 || unassigned) {
        const before: Feasibility = found;
        const context = unassigned ? { unassigned } : undefined;
        const post =
          round < MAX_POST_FILTER_ROUNDS
            ? await this.framework.runPostFilterPlugins(state, binding, before.rejected(), context)
            : { status: Status.unschedulable('too many post-filter rounds') };
        if (post.status.code === 'Error') return failed(post.status);
        if (!post.status.isSuccess() || !post.nominated?.length) {
          // The strategy failed on its first candidates only: its reason, as one sentence.
          if (unassigned && !moved)
            return unschedulable(
              new FitError(total, before.rejected(), unassigned.status.message()),
              unassigned.status.plugin,
            );
          if (unassigned)
            return unschedulable(
              new FitError(total, rejectedOrUnassigned(before, unassigned)),
              unassigned.status.plugin,
            );
          return unschedulable(new FitError(total, before.rejected()));
        }
        const last = unassigned;
        found = this.perBinding.filterNominated(
          state,
          binding,
          snapshot,
          pre,
          post.nominated,
          // Clusters the strategy could not use stay explained by its verdict.
          last ? { feasible: [], rejected: () => rejectedOrUnassigned(before, last) } : before,
        );
        if (isAborted(found)) return failed(found.error);
        // The nominated clusters are not an equivalence class's candidates.
        steps = this.perBinding;
        moved ||= last !== undefined;
        unassigned = undefined;
        if (found.feasible.length === 0) continue;
      }

      const preScore = this.framework.hasPreScorePlugins
        ? await this.framework.runPreScorePlugins(state, binding, found.feasible)
        : NO_PRE_SCORE;
      if (!preScore.status.isSuccess()) return failed(preScore.status);
      const ranked = steps.rank(state, binding, found, preScore.skipped);
      if (isAborted(ranked)) return failed(ranked.error);

      const availableReplicas = await steps.estimate(state, binding, found);
      const assigned = strategy.assign(binding, ranked.scored, { availableReplicas, now, state });
      if (assigned.status) {
        const status = assigned.status.withPlugin(strategy.name);
        if (status.code === 'Error') return failed(status);
        // A post-filter may still find other clusters (e.g. the next affinity group).
        unassigned = { clusters: found.feasible.map((c) => c.metadata.name), status };
        continue;
      }
      const reserved = this.framework.runReservePlugins(state, binding, assigned.clusters);
      if (!reserved.isSuccess()) return failed(reserved);
      return {
        ok: true,
        clusters: assigned.clusters,
        scored: ranked.scored,
        strategy: strategy.name,
        placementGroup: state.read(PLACEMENT_GROUP),
      };
    }
  }

  /** The clusters in name order: the last snapshot brought up to date, or a new one. */
  private snapshotOf(clusters: readonly Cluster[]): ClusterSnapshot {
    const changed = this.snapshot?.update(clusters);
    if (this.snapshot && changed) {
      if (changed.length > 0) this.cache?.forget(changed);
      return this.snapshot;
    }
    this.snapshot = new ClusterSnapshot(clusters);
    this.cache?.reset(this.snapshot);
    return this.snapshot;
  }
}
