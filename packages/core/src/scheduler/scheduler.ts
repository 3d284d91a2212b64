import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type { ScoredCluster, SchedulingStrategy } from '../contracts/scheduling-strategy';
import type { Binding, TargetCluster } from '../model/binding';
import { evictingClusters } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { ClusterSnapshot, type EquivalenceClass } from './cluster-snapshot';
import { AFFINITY_NAME, CycleState } from './cycle-state';
import { FitError } from './fit-error';
import type { PreFilterOutcome, SchedulerFramework } from './framework';
import { Status } from './status';

/** The outcome of scheduling one binding. @public */
export type ScheduleResult =
  | {
      readonly ok: true;
      readonly clusters: readonly TargetCluster[];
      /** The feasible clusters with their scores, best first (may be shared between results: read-only). */
      readonly scored: readonly ScoredCluster[];
      readonly strategy: string;
      /** The affinity group used, when a plugin recorded one under {@link AFFINITY_NAME}. */
      readonly affinityName?: string;
    }
  | {
      readonly ok: false;
      /** `Error` for bugs and I/O (retry with backoff); otherwise unschedulable. */
      readonly status: Status;
      readonly fitError?: FitError;
    };

const NO_PRE_SCORE = { status: Status.success, skipped: new Set<string>() as ReadonlySet<string> };
const NO_EVICTIONS: ReadonlySet<string> = new Set();

/** Clusters the binding is being evicted from (a shared empty set when none, the common case). */
function evictingFrom(binding: Binding): ReadonlySet<string> {
  return binding.spec.evictionTasks?.length ? evictingClusters(binding) : NO_EVICTIONS;
}

const REJECTED_BY_PRE_FILTER = Status.unresolvable('were filtered out by pre-filter').withPlugin(
  'PreFilter',
);
const REJECTED_AS_EVICTING = Status.unresolvable(
  'are being evicted from by this binding',
).withPlugin('EvictionTask');

/** Filtering's outcome: the feasible clusters and, on demand, why the others were rejected. */
type Feasibility = { readonly status: Status } | PlainFeasibility | SharedFeasibility;

interface PlainFeasibility {
  readonly feasible: Cluster[];
  readonly rejected: () => Map<string, Status>;
  readonly shared?: undefined;
}

interface SharedFeasibility {
  readonly feasible: Cluster[];
  readonly rejected: () => Map<string, Status>;
  readonly shared: EquivalenceClass;
  /** The binding-specific clusters of the plugins. */
  readonly specific: ReadonlySet<string>;
  /** This binding's own filter verdicts on its specific clusters, by position. */
  readonly own: ReadonlyMap<number, Status>;
  /** `feasible` is the class's feasible list or a patch of it (so the class's ranking applies). */
  readonly derived: boolean;
}

function isEvicting(binding: Binding, cluster: Cluster): boolean {
  return binding.spec.evictionTasks?.some((t) => t.fromCluster === cluster.metadata.name) ?? false;
}

function byScoreThenName(a: ScoredCluster, b: ScoredCluster): number {
  if (a.score !== b.score) return b.score - a.score;
  const an = a.cluster.metadata.name;
  const bn = b.cluster.metadata.name;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** Options of a {@link Scheduler}. @public */
export interface SchedulerOptions {
  /**
   * Share filter, score and capacity results between bindings of the same equivalence class
   * (default true). Turn it off to measure or debug the plain per-binding cycle; results are the
   * same either way.
   */
  readonly equivalenceCache?: boolean;
}

/**
 * One scheduling cycle: pre-filter, filter (clusters with an open eviction task for the binding
 * are never candidates), post-filter when nothing fits, pre-score, score, capacity estimation,
 * the strategy's division and reserve. Deterministic: clusters are scored in name order and ties
 * are broken by name.
 *
 * Equivalence cache (on unless `options.equivalenceCache` is false): when every filter and score
 * plugin that runs has an `equivalenceKey` (see `EquivalenceHints`), no score plugin normalizes
 * and no pre-score plugin is enabled, bindings with equal keys share the filter verdicts, the
 * score totals and the ranking, and, when every estimator has an `equivalenceKey` too, the
 * capacity answer. It holds for one cluster state: the scheduler remembers the cluster objects
 * it was last given; a changed object (the store writes a new one on every change) is asked
 * again alone, and a cluster joining or leaving (or most of them changing) starts afresh. Each
 * binding's own rules are applied on top of the shared results: pre-filter narrowing, its
 * eviction tasks, and the plugins' `bindingSpecificClusters`, which are asked again for that
 * binding. Results are the same with the cache on or off; `ScheduleResult.scored` may then be
 * an array shared between results (it is read-only).
 * @public
 */
export class Scheduler {
  constructor(
    readonly framework: SchedulerFramework,
    private readonly strategies: readonly SchedulingStrategy[],
    private readonly estimators: readonly CapacityEstimator[],
    readonly options: SchedulerOptions = {},
  ) {}

  private snapshot?: ClusterSnapshot;

  /** The strategy for this binding: the last registered one that applies. */
  strategyFor(binding: Binding): SchedulingStrategy | undefined {
    for (let i = this.strategies.length - 1; i >= 0; i--) {
      const strategy = this.strategies[i] as SchedulingStrategy;
      if (strategy.appliesTo(binding)) return strategy;
    }
    return undefined;
  }

  async schedule(
    binding: Binding,
    clusters: readonly Cluster[],
    now: number,
  ): Promise<ScheduleResult> {
    const strategy = this.strategyFor(binding);
    if (!strategy) {
      return {
        ok: false,
        status: Status.error(
          new Error(
            `no scheduling strategy applies to replica scheduling ${JSON.stringify(binding.spec.placement.replicaScheduling)}; register one under SCHEDULING_STRATEGIES`,
          ),
        ),
      };
    }
    const state = new CycleState();
    // The clusters in name order come from the snapshot either way (sorting is bookkeeping, not a
    // plugin result); only with the cache on are plugin results shared through it.
    const snapshot = this.snapshotOf(clusters);
    const all = snapshot.sorted;
    const pre = await this.framework.runPreFilter(state, binding, all);
    if (pre.status.code === 'Error') return { ok: false, status: pre.status };
    if (!pre.status.isSuccess()) {
      const fitError = new FitError(
        all.length,
        new Map(all.map((c) => [c.metadata.name, pre.status])),
      );
      return {
        ok: false,
        status: Status.unschedulable(fitError.message()).withPlugin(
          pre.status.plugin ?? 'PreFilter',
        ),
        fitError,
      };
    }
    const equivalence =
      this.options.equivalenceCache === false
        ? undefined
        : this.framework.equivalence(binding, pre.skipped);
    const found = equivalence
      ? this.feasibleShared(snapshot, equivalence, state, binding, pre)
      : this.feasiblePlain(all, state, binding, pre);
    if ('status' in found) return { ok: false, status: found.status };
    let { feasible } = found;
    const rejected = (): Map<string, Status> => found.rejected();

    if (feasible.length === 0) {
      const post = await this.framework.runPostFilter(state, binding, rejected());
      if (post.status.code === 'Error') return { ok: false, status: post.status };
      if (!post.status.isSuccess() || !post.nominated?.length) {
        const fitError = new FitError(all.length, rejected());
        return { ok: false, status: Status.unschedulable(fitError.message()), fitError };
      }
      const nominated = new Set(post.nominated);
      const evicting = evictingFrom(binding);
      feasible = all.filter(
        (c) => nominated.has(c.metadata.name) && !evicting.has(c.metadata.name),
      );
    }

    // Most profiles have no pre-score plugin: skip the call (a promise and a set per binding).
    const preScore =
      this.framework.pluginsAt('preScore').length === 0
        ? NO_PRE_SCORE
        : await this.framework.runPreScore(state, binding, feasible);
    if (!preScore.status.isSuccess()) return { ok: false, status: preScore.status };
    let scored: readonly ScoredCluster[];
    let availableReplicas: ReadonlyMap<string, number>;
    if (found.shared && found.derived && feasible === found.feasible) {
      const ranked = this.scoredShared(
        found.shared,
        snapshot as ClusterSnapshot,
        state,
        binding,
        found,
      );
      if ('status' in ranked) return { ok: false, status: ranked.status };
      scored = ranked.scored;
      availableReplicas = await this.estimateShared(
        found.shared,
        state,
        binding,
        feasible,
        found.feasible === found.shared.feasible,
      );
    } else {
      const { status: scoreStatus, totals } = this.framework.runScore(
        state,
        binding,
        feasible,
        preScore.skipped,
      );
      if (!scoreStatus.isSuccess()) return { ok: false, status: scoreStatus };
      scored = feasible
        .map((cluster, i) => ({ cluster, score: totals[i] as number }))
        .sort(byScoreThenName);
      availableReplicas = await this.estimate(binding, feasible, state);
    }

    const assigned = strategy.assign(binding, scored, { availableReplicas, now, state });
    if (assigned.status) {
      const status = assigned.status.withPlugin(strategy.name);
      if (status.code === 'Error') return { ok: false, status };
      const fitError = new FitError(all.length, rejected(), status.message());
      return {
        ok: false,
        status: Status.unschedulable(fitError.message()).withPlugin(strategy.name),
        fitError,
      };
    }
    const reserve = this.framework.runReserve(state, binding, assigned.clusters);
    if (!reserve.isSuccess()) return { ok: false, status: reserve };
    return {
      ok: true,
      clusters: assigned.clusters,
      scored,
      strategy: strategy.name,
      affinityName: state.read(AFFINITY_NAME),
    };
  }

  /** The snapshot for these clusters: the last one, brought up to date, or a new one. */
  private snapshotOf(clusters: readonly Cluster[]): ClusterSnapshot {
    const reused = this.snapshot?.update(clusters);
    if (reused) return reused;
    this.snapshot = new ClusterSnapshot(clusters);
    return this.snapshot;
  }

  /** Filtering as the plain cycle does it: every filter on every candidate cluster. */
  private feasiblePlain(
    all: readonly Cluster[],
    state: CycleState,
    binding: Binding,
    pre: PreFilterOutcome,
  ): Feasibility {
    const evicting = evictingFrom(binding);
    const anyEvicting = evicting.size > 0;
    // Empty sets are not consulted per cluster and plugin (this loop is the whole cost of a cycle).
    const skipped = pre.skipped.size > 0 ? pre.skipped : undefined;
    // Rejections are kept by position and turned into a map only when asked (post-filter, FitError).
    const statuses = new Array<Status>(all.length);
    const feasible: Cluster[] = [];
    for (let i = 0; i < all.length; i++) {
      const cluster = all[i] as Cluster;
      const name = cluster.metadata.name;
      if (pre.clusters && !pre.clusters.has(name)) {
        statuses[i] = REJECTED_BY_PRE_FILTER;
        continue;
      }
      if (anyEvicting && evicting.has(name)) {
        statuses[i] = REJECTED_AS_EVICTING;
        continue;
      }
      const status = this.framework.runFilter(state, binding, cluster, skipped);
      if (status.code === 'Error') return { status };
      statuses[i] = status;
      if (status.isSuccess()) feasible.push(cluster);
    }
    const rejected = (): Map<string, Status> => {
      const map = new Map<string, Status>();
      for (let i = 0; i < all.length; i++) {
        const status = statuses[i] as Status;
        if (!status.isSuccess()) map.set((all[i] as Cluster).metadata.name, status);
      }
      return map;
    };
    return { feasible, rejected };
  }

  /**
   * Filtering through the equivalence class: verdicts the class already knows are reused; the
   * binding's own rules (pre-filter narrowing, eviction tasks, binding-specific clusters) are
   * applied on top. Unknown verdicts are computed with this binding and kept for the class,
   * except on this binding's specific clusters, whose verdict is this binding's alone.
   */
  private feasibleShared(
    snapshot: ClusterSnapshot,
    equivalence: { key: string; filterKeys: (string | undefined)[] },
    state: CycleState,
    binding: Binding,
    pre: PreFilterOutcome,
  ): Feasibility {
    const shared = snapshot.classFor(equivalence.key);
    const all = snapshot.sorted;
    const evicting = evictingFrom(binding);
    const specific = this.framework.bindingSpecificClusters(binding, pre.skipped);
    if (shared.unknownVerdicts > 0) {
      // Each filter's verdicts are kept per its own key too, so a new class (a new combination)
      // only runs the filters whose key is new.
      const tables = equivalence.filterKeys.map((k) =>
        k === undefined ? undefined : snapshot.filterTable(k),
      );
      let filled = false;
      for (let i = 0; i < all.length; i++) {
        if (shared.verdicts[i] !== undefined) continue;
        const cluster = all[i] as Cluster;
        const name = cluster.metadata.name;
        if (specific.has(name) || evicting.has(name)) continue;
        const status = this.framework.runFilterShared(state, binding, cluster, i, tables);
        if (status.code === 'Error') return { status };
        shared.verdicts[i] = status;
        shared.unknownVerdicts--;
        filled = true;
      }
      // A verdict learnt late (its cluster had been specific to every binding so far) changes the class's lists.
      if (filled) shared.forgetLists();
    }
    // This binding's own verdicts, where they may differ from the class's.
    const own = new Map<number, Status>();
    for (const name of specific) {
      const i = snapshot.position.get(name);
      if (i === undefined || evicting.has(name)) continue;
      const status = this.framework.runFilter(state, binding, all[i] as Cluster, pre.skipped);
      if (status.code === 'Error') return { status };
      own.set(i, status);
    }
    const verdictAt = (i: number): Status => {
      const name = (all[i] as Cluster).metadata.name;
      if (pre.clusters && !pre.clusters.has(name)) return REJECTED_BY_PRE_FILTER;
      if (evicting.has(name)) return REJECTED_AS_EVICTING;
      return own.get(i) ?? (shared.verdicts[i] as Status);
    };
    const rejected = (): Map<string, Status> => {
      const map = new Map<string, Status>();
      for (let i = 0; i < all.length; i++) {
        const status = verdictAt(i);
        if (!status.isSuccess()) map.set((all[i] as Cluster).metadata.name, status);
      }
      return map;
    };
    if (pre.clusters) {
      // A narrowing pre-filter (none of the shipped ones with shareable filters narrows).
      const feasible = all.filter((_, i) => verdictAt(i).isSuccess());
      return { feasible, rejected, shared, specific, own, derived: false };
    }
    if (!shared.feasible) {
      shared.feasiblePositions = [];
      // A verdict still unknown belongs to clusters specific to this binding; it patches them below.
      for (let i = 0; i < all.length; i++)
        if (shared.verdicts[i]?.isSuccess() === true) shared.feasiblePositions.push(i);
      shared.feasible = shared.feasiblePositions.map((i) => all[i] as Cluster);
    }
    // Where this binding's verdict differs from the class's, patch a copy; otherwise share.
    const removed = new Set<number>();
    const added: number[] = [];
    const differs = (i: number) => {
      const mine = verdictAt(i).isSuccess();
      if (mine === (shared.verdicts[i]?.isSuccess() === true)) return;
      if (mine) added.push(i);
      else removed.add(i);
    };
    for (const i of own.keys()) differs(i);
    for (const name of evicting) {
      const i = snapshot.position.get(name);
      if (i !== undefined) differs(i);
    }
    if (removed.size === 0 && added.length === 0)
      return { feasible: shared.feasible, rejected, shared, specific, own, derived: true };
    added.sort((a, b) => a - b);
    const feasible: Cluster[] = [];
    let next = 0;
    for (const i of shared.feasiblePositions as number[]) {
      while (next < added.length && (added[next] as number) < i)
        feasible.push(all[added[next++] as number] as Cluster);
      if (!removed.has(i)) feasible.push(all[i] as Cluster);
    }
    while (next < added.length) feasible.push(all[added[next++] as number] as Cluster);
    return { feasible, rejected, shared, specific, own, derived: true };
  }

  /**
   * The binding's candidates ranked through the class: the class's ranking of its feasible
   * clusters, with this binding's specific clusters (and the clusters its own verdicts added or
   * removed) taken out and put back at their place with this binding's own totals.
   */
  private scoredShared(
    shared: EquivalenceClass,
    snapshot: ClusterSnapshot,
    state: CycleState,
    binding: Binding,
    found: SharedFeasibility,
  ): { scored: readonly ScoredCluster[] } | { status: Status } {
    const all = snapshot.sorted;
    const mine = new Set<number>();
    for (const name of found.specific) {
      const i = snapshot.position.get(name);
      if (i !== undefined) mine.add(i);
    }
    const feasiblePositions =
      found.feasible === shared.feasible
        ? (shared.feasiblePositions as number[])
        : found.feasible.map((c) => snapshot.position.get(c.metadata.name) as number);
    let filled = false;
    for (const i of shared.feasiblePositions as number[]) {
      if (!Number.isNaN(shared.totals[i] as number) || mine.has(i)) continue;
      const { status, total } = this.framework.scoreCluster(state, binding, all[i] as Cluster);
      if (!status.isSuccess()) return { status };
      shared.totals[i] = total;
      filled = true;
    }
    if (filled || !shared.scored) {
      const known = (shared.feasiblePositions as number[]).filter(
        (i) => !Number.isNaN(shared.totals[i] as number),
      );
      known.sort((a, b) => (shared.totals[b] as number) - (shared.totals[a] as number) || a - b);
      shared.scored = known.map((i) => ({
        cluster: all[i] as Cluster,
        score: shared.totals[i] as number,
      }));
      shared.scoredPositions = known;
    }
    // Entries of the class's ranking this binding cannot use as they are.
    const feasibleHere =
      found.feasible === shared.feasible ? undefined : new Set(feasiblePositions);
    const extra: ScoredCluster[] = [];
    const drop = new Set<number>();
    for (const i of mine) {
      const inShared =
        !Number.isNaN(shared.totals[i] as number) &&
        (shared.verdicts[i] as Status | undefined)?.isSuccess() === true;
      const usable = feasibleHere
        ? feasibleHere.has(i)
        : (found.own.get(i) ?? shared.verdicts[i])?.isSuccess() === true &&
          !isEvicting(binding, all[i] as Cluster);
      if (!usable) {
        if (inShared) drop.add(i);
        continue;
      }
      const { status, total } = this.framework.scoreCluster(state, binding, all[i] as Cluster);
      if (!status.isSuccess()) return { status };
      if (inShared && total === shared.totals[i]) continue;
      if (inShared) drop.add(i);
      extra.push({ cluster: all[i] as Cluster, score: total });
    }
    if (feasibleHere) {
      for (const i of shared.feasiblePositions as number[])
        if (!feasibleHere.has(i) && !mine.has(i)) drop.add(i);
      for (const i of feasiblePositions) {
        if (mine.has(i) || (shared.verdicts[i] as Status | undefined)?.isSuccess() === true)
          continue;
        // Added by this binding's own rules but not specific: score it for this binding.
        const { status, total } = this.framework.scoreCluster(state, binding, all[i] as Cluster);
        if (!status.isSuccess()) return { status };
        extra.push({ cluster: all[i] as Cluster, score: total });
      }
    }
    if (extra.length === 0 && drop.size === 0) return { scored: shared.scored };
    extra.sort(byScoreThenName);
    const scored: ScoredCluster[] = [];
    let next = 0;
    const positions = shared.scoredPositions as number[];
    for (let k = 0; k < shared.scored.length; k++) {
      const entry = shared.scored[k] as ScoredCluster;
      if (drop.has(positions[k] as number)) continue;
      while (next < extra.length && byScoreThenName(extra[next] as ScoredCluster, entry) < 0)
        scored.push(extra[next++] as ScoredCluster);
      scored.push(entry);
    }
    while (next < extra.length) scored.push(extra[next++] as ScoredCluster);
    return { scored };
  }

  /** Capacity answers shared by the class when every estimator has a key and the candidates are the class's. */
  private async estimateShared(
    shared: EquivalenceClass,
    state: CycleState,
    binding: Binding,
    feasible: readonly Cluster[],
    classCandidates: boolean,
  ): Promise<ReadonlyMap<string, number>> {
    if (!classCandidates) return this.estimate(binding, feasible, state);
    let key = '';
    for (const estimator of this.estimators) {
      const part = estimator.equivalenceKey?.(binding);
      if (part === undefined) return this.estimate(binding, feasible, state);
      key += `${estimator.name}:${part}\u0000`;
    }
    let answer = shared.estimates.get(key);
    if (!answer) {
      answer = await this.estimate(binding, feasible, state);
      shared.estimates.set(key, answer);
    }
    return answer;
  }

  private async estimate(
    binding: Binding,
    clusters: readonly Cluster[],
    state: CycleState,
  ): Promise<ReadonlyMap<string, number>> {
    // One estimator: its answer is the minimum already (no per-binding copy).
    if (this.estimators.length === 1)
      return (this.estimators[0] as CapacityEstimator).maxAvailableReplicas(
        binding,
        clusters,
        state,
      );
    const available = new Map<string, number>();
    for (const estimator of this.estimators) {
      const answer = await estimator.maxAvailableReplicas(binding, clusters, state);
      for (const [name, replicas] of answer)
        available.set(name, Math.min(available.get(name) ?? Number.POSITIVE_INFINITY, replicas));
    }
    return available;
  }
}
