import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type { ScoredCluster } from '../contracts/scheduling-strategy';
import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { ClusterSnapshot } from './cluster-snapshot';
import type { CycleState } from './cycle-state';
import {
  REJECTED_BY_PRE_FILTER,
  byScoreThenName,
  isAborted,
  type Aborted,
  type CycleSteps,
  type Feasibility,
  type PerBindingSteps,
} from './cycle-steps';
import type { EquivalenceKeys, PreFilterOutcome, SchedulerFramework } from './framework';
import type { Status } from './status';

/** A stale ranking is patched while fewer than one in this many of its entries changed, else sorted again. */
const PATCH_RATIO = 8;

/**
 * A stale capacity answer is patched while fewer than one in this many clusters changed: each
 * changed one is estimated again, the rest only copied (estimating them again would cost more).
 */
const ESTIMATE_PATCH_RATIO = 2;

/** Past this many classes (or filter tables) the cache starts over, so unshareable keys cannot grow it. */
const MAX_ENTRIES = 4096;

/**
 * What the filters and scores said for one equivalence class of bindings on the current
 * clusters, by cluster position in name order. Entries are learnt lazily by the bindings of the
 * class; an entry stays unknown while every binding seen so far had that cluster among its
 * binding-specific clusters. The lists derived from the entries are rebuilt when entries change.
 */
class EquivalenceClass {
  private readonly verdicts: (Status | undefined)[];
  /** Weighted score totals; NaN until known. */
  private readonly totals: number[];
  private unknown: number;
  private feasible?: { readonly clusters: Cluster[]; readonly positions: number[] };
  private ranking?: ScoredCluster[];
  /**
   * The last ranking after it went out of date, and the positions whose verdict, total or cluster
   * changed since it was built: the next ranking patches it (a placement changes a few clusters,
   * so sorting every feasible cluster again would redo the same order).
   */
  private stale?: { readonly ranking: readonly ScoredCluster[]; readonly touched: Set<number> };
  /** The ranking of exactly the class's feasible list, normalized (see `EquivalenceKeys.normalized`). */
  private normalizedRanking?: readonly ScoredCluster[];
  /** Capacity answers over the class's feasible clusters, per estimator key. */
  private estimates = new Map<string, ReadonlyMap<string, number>>();
  /**
   * The answers as they were when they went out of date, and the positions that changed since:
   * an answer is per cluster (the estimator contract), so the next one estimates only those.
   */
  private staleEstimates?: {
    readonly answers: ReadonlyMap<string, ReadonlyMap<string, number>>;
    readonly touched: Set<number>;
  };

  constructor(size: number) {
    this.verdicts = new Array<Status | undefined>(size).fill(undefined);
    this.totals = new Array<number>(size).fill(Number.NaN);
    this.unknown = size;
  }

  get hasUnknownVerdicts(): boolean {
    return this.unknown > 0;
  }

  verdictAt(position: number): Status | undefined {
    return this.verdicts[position];
  }

  passes(position: number): boolean {
    return this.verdicts[position]?.isSuccess() === true;
  }

  learnVerdict(position: number, status: Status): void {
    if (this.verdicts[position] === undefined) this.unknown--;
    this.verdicts[position] = status;
    this.forgetLists(position);
  }

  totalAt(position: number): number | undefined {
    const total = this.totals[position];
    return total === undefined || Number.isNaN(total) ? undefined : total;
  }

  learnTotal(position: number, total: number): void {
    this.totals[position] = total;
    this.forgetRanking(position);
  }

  /** The clusters whose verdict is known to be success, in name order, with their positions. */
  feasibleOn(snapshot: ClusterSnapshot): {
    readonly clusters: readonly Cluster[];
    readonly positions: readonly number[];
  } {
    if (!this.feasible) {
      const clusters: Cluster[] = [];
      const positions: number[] = [];
      snapshot.sorted.forEach((cluster, i) => {
        if (!this.passes(i)) return;
        clusters.push(cluster);
        positions.push(i);
      });
      this.feasible = { clusters, positions };
    }
    return this.feasible;
  }

  /** The feasible clusters with known totals, best first (ties by name). */
  rankingOn(snapshot: ClusterSnapshot): readonly ScoredCluster[] {
    if (!this.ranking) {
      const stale = this.stale;
      this.stale = undefined;
      this.ranking =
        stale && stale.touched.size * PATCH_RATIO < stale.ranking.length
          ? this.patchedRanking(snapshot, stale.ranking, stale.touched)
          : this.freshRanking(snapshot);
    }
    return this.ranking;
  }

  private freshRanking(snapshot: ClusterSnapshot): ScoredCluster[] {
    const ranking: ScoredCluster[] = [];
    for (const position of this.feasibleOn(snapshot).positions) {
      const score = this.totalAt(position);
      if (score !== undefined) ranking.push({ cluster: snapshot.clusterAt(position), score });
    }
    return ranking.sort(byScoreThenName);
  }

  /** `ranking` without the touched positions' entries, with their current ones merged in: the same list `freshRanking` sorts. */
  private patchedRanking(
    snapshot: ClusterSnapshot,
    ranking: readonly ScoredCluster[],
    touched: ReadonlySet<number>,
  ): ScoredCluster[] {
    const names = new Set<string>();
    const added: ScoredCluster[] = [];
    for (const position of touched) {
      const cluster = snapshot.clusterAt(position);
      names.add(cluster.metadata.name);
      const score = this.passes(position) ? this.totalAt(position) : undefined;
      if (score !== undefined) added.push({ cluster, score });
    }
    const kept = ranking.filter((entry) => !names.has(entry.cluster.metadata.name));
    return mergeSorted(kept, added.sort(byScoreThenName), byScoreThenName);
  }

  /** The ranking is out of date at `position`: keep it to patch, noting the position. */
  private forgetRanking(position: number): void {
    if (this.ranking) this.stale = { ranking: this.ranking, touched: new Set([position]) };
    else this.stale?.touched.add(position);
    this.ranking = undefined;
  }

  /** The normalized ranking of the class's feasible list, computed once per list. */
  normalizedRankingOf(
    rank: () => { readonly scored: readonly ScoredCluster[] } | Aborted,
  ): { readonly scored: readonly ScoredCluster[] } | Aborted {
    if (this.normalizedRanking) return { scored: this.normalizedRanking };
    const ranked = rank();
    if (!isAborted(ranked)) this.normalizedRanking = ranked.scored;
    return ranked;
  }

  /**
   * The class's answer under `key`: remembered, or the last one patched at the changed positions
   * (estimating only the feasible ones among them), or `compute`d over every feasible cluster.
   * Either way `compute` is awaited once, so interleaved cycles resume in the same order.
   */
  async estimate(
    key: string,
    snapshot: ClusterSnapshot,
    compute: (clusters?: readonly Cluster[]) => Promise<ReadonlyMap<string, number>>,
  ): Promise<ReadonlyMap<string, number>> {
    let answer = this.estimates.get(key);
    if (!answer) {
      const stale = this.staleEstimates;
      const before = stale?.answers.get(key);
      if (stale && before && stale.touched.size * ESTIMATE_PATCH_RATIO < snapshot.sorted.length) {
        const { clusters, positions } = this.feasibleOn(snapshot);
        const touched = new Set(stale.touched);
        const changed = clusters.filter((_, k) => touched.has(positions[k] as number));
        const fresh = await compute(changed);
        // In the feasible list's order, as a full answer has it (strategies may iterate it).
        const patched = new Map<string, number>();
        for (const [k, cluster] of clusters.entries()) {
          const name = cluster.metadata.name;
          const replicas = touched.has(positions[k] as number) ? fresh.get(name) : before.get(name);
          if (replicas !== undefined) patched.set(name, replicas);
        }
        answer = patched;
      } else answer = await compute();
      this.estimates.set(key, answer);
    }
    return answer;
  }

  /** Forgets what was known about the cluster at `position` (its object changed). */
  forget(position: number): void {
    if (this.verdicts[position] !== undefined) {
      this.verdicts[position] = undefined;
      this.unknown++;
    }
    this.totals[position] = Number.NaN;
    this.forgetLists(position);
  }

  private forgetLists(position: number): void {
    this.feasible = undefined;
    this.forgetRanking(position);
    this.normalizedRanking = undefined;
    this.forgetEstimates(position);
  }

  /** The answers are out of date at `position`: keep them to patch, noting the position. */
  private forgetEstimates(position: number): void {
    if (this.estimates.size > 0) {
      this.staleEstimates = { answers: this.estimates, touched: new Set([position]) };
      this.estimates = new Map();
    } else this.staleEstimates?.touched.add(position);
  }
}

/** `base` with `extra` merged in, both sorted by `compare`. */
function mergeSorted<T>(
  base: readonly T[],
  extra: readonly T[],
  compare: (a: T, b: T) => number,
): T[] {
  const merged: T[] = [];
  const rest = extra[Symbol.iterator]();
  let pending = rest.next();
  for (const item of base) {
    for (; !pending.done && compare(pending.value, item) < 0; pending = rest.next())
      merged.push(pending.value);
    merged.push(item);
  }
  for (; !pending.done; pending = rest.next()) merged.push(pending.value);
  return merged;
}

function byName(a: Cluster, b: Cluster): number {
  const an = a.metadata.name;
  const bn = b.metadata.name;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/**
 * Shares filter verdicts, score totals, the ranking and capacity answers between bindings of the
 * same equivalence class (kube-scheduler's old equivalence cache), for one cluster state. The
 * scheduler tells it when the snapshot is new ({@link EquivalenceCache.reset}) or which of its
 * clusters changed ({@link EquivalenceCache.forget}). {@link EquivalenceCache.stepsFor} gives a
 * binding's cycle steps through its class, or `undefined` when its results cannot be shared;
 * each binding's own rules (pre-filter narrowing, the plugins' binding-specific clusters) are
 * applied on top, so the results equal the per-binding steps'.
 * @internal
 */
export class EquivalenceCache {
  private snapshot?: ClusterSnapshot;
  private readonly classes = new Map<string, EquivalenceClass>();
  /** One filter's verdicts per cluster position, by that filter's own equivalence key. */
  private readonly tables = new Map<string, (Status | undefined)[]>();

  constructor(
    private readonly framework: SchedulerFramework,
    private readonly estimators: readonly CapacityEstimator[],
    private readonly perBinding: PerBindingSteps,
  ) {}

  /** Starts over on a new cluster state. */
  reset(snapshot: ClusterSnapshot): void {
    this.snapshot = snapshot;
    this.classes.clear();
    this.tables.clear();
  }

  /** Forgets what was learnt about the clusters at these positions of the snapshot. */
  forget(positions: readonly number[]): void {
    for (const at of positions) {
      for (const entry of this.classes.values()) entry.forget(at);
      for (const table of this.tables.values()) table[at] = undefined;
    }
  }

  /** This binding's steps through its class, or `undefined` when its results cannot be shared. */
  stepsFor(binding: Binding, pre: PreFilterOutcome): CycleSteps | undefined {
    const snapshot = this.snapshot;
    if (!snapshot) return undefined;
    const keys = this.framework.equivalence(binding, pre.skipped);
    if (!keys) return undefined;
    return new SharedSteps(
      this,
      this.framework,
      this.perBinding,
      snapshot,
      this.classFor(keys),
      keys,
    );
  }

  private classFor(keys: EquivalenceKeys): EquivalenceClass {
    let entry = this.classes.get(keys.key);
    if (!entry) {
      if (this.classes.size >= MAX_ENTRIES) this.classes.clear();
      entry = new EquivalenceClass(this.snapshot?.sorted.length ?? 0);
      this.classes.set(keys.key, entry);
    }
    return entry;
  }

  /** The verdict tables of a binding's filters, by position in the profile (none for a skipped filter). */
  filterTables(keys: EquivalenceKeys): ((Status | undefined)[] | undefined)[] {
    return keys.filterKeys.map((k) => (k === undefined ? undefined : this.filterTable(k)));
  }

  private filterTable(key: string): (Status | undefined)[] {
    let table = this.tables.get(key);
    if (!table) {
      if (this.tables.size >= MAX_ENTRIES) this.tables.clear();
      table = new Array<Status | undefined>(this.snapshot?.sorted.length ?? 0).fill(undefined);
      this.tables.set(key, table);
    }
    return table;
  }

  /** The key capacity answers are shared under, when every estimator has one. */
  estimatorKey(binding: Binding): string | undefined {
    let key = '';
    for (const estimator of this.estimators) {
      const part = estimator.equivalenceKey?.(binding);
      if (part === undefined) return undefined;
      key += `${estimator.name}:${part}\u0000`;
    }
    return key;
  }
}

/** This binding's filtering through its class (see {@link SharedSteps.filter}). */
interface SharedFeasibility extends Feasibility {
  /** The binding-specific clusters' positions. */
  readonly specific: ReadonlySet<number>;
  /** This binding's verdicts where they may differ from the class's (its specific clusters). */
  readonly own: ReadonlyMap<number, Status>;
  /** `feasible` is the class's list or a patch of it, so the class's ranking applies. */
  readonly derived: boolean;
  /** `feasible` is the class's list itself (its capacity answers apply). */
  readonly classCandidates: boolean;
}

/** One binding's cycle steps through its equivalence class. */
class SharedSteps implements CycleSteps {
  private found?: SharedFeasibility;

  constructor(
    private readonly cache: EquivalenceCache,
    private readonly framework: SchedulerFramework,
    private readonly perBinding: PerBindingSteps,
    private readonly snapshot: ClusterSnapshot,
    private readonly shared: EquivalenceClass,
    private readonly keys: EquivalenceKeys,
  ) {}

  /**
   * Verdicts the class already knows are reused; unknown ones are computed with this binding and
   * kept for the class (and per filter, so a new class runs only the filters whose key is new),
   * except on this binding's specific clusters, whose verdicts are this binding's alone.
   */
  filter(
    state: CycleState,
    binding: Binding,
    snapshot: ClusterSnapshot,
    pre: PreFilterOutcome,
  ): Feasibility | Aborted {
    const specific = new Set<number>();
    for (const name of this.framework.bindingSpecificClusters(binding, pre.skipped)) {
      const i = snapshot.position.get(name);
      if (i !== undefined) specific.add(i);
    }
    if (this.shared.hasUnknownVerdicts) {
      const tables = this.cache.filterTables(this.keys);
      for (const [i, cluster] of snapshot.sorted.entries()) {
        if (this.shared.verdictAt(i) !== undefined || specific.has(i)) continue;
        const status = this.framework.runFilterPluginsShared(state, binding, cluster, i, tables);
        if (status.code === 'Error') return { error: status };
        this.shared.learnVerdict(i, status);
      }
    }
    const own = new Map<number, Status>();
    for (const i of specific) {
      const cluster = snapshot.clusterAt(i);
      const status = this.framework.runFilterPlugins(state, binding, cluster, pre.skipped);
      if (status.code === 'Error') return { error: status };
      own.set(i, status);
    }
    const verdictAt = (cluster: Cluster, i: number): Status => {
      if (pre.clusters && !pre.clusters.has(cluster.metadata.name)) return REJECTED_BY_PRE_FILTER;
      // Every verdict still unknown to the class is one of this binding's own.
      return own.get(i) ?? (this.shared.verdictAt(i) as Status);
    };
    const rejected = (): Map<string, Status> => {
      const map = new Map<string, Status>();
      snapshot.sorted.forEach((cluster, i) => {
        const status = verdictAt(cluster, i);
        if (!status.isSuccess()) map.set(cluster.metadata.name, status);
      });
      return map;
    };
    if (pre.clusters) {
      // A narrowing pre-filter (none of the shipped ones with shareable filters narrows).
      const feasible = snapshot.sorted.filter((cluster, i) => verdictAt(cluster, i).isSuccess());
      this.found = {
        feasible,
        rejected,
        specific,
        own,
        derived: false,
        classCandidates: false,
      };
      return this.found;
    }
    const feasible = this.patched(own);
    const classCandidates = feasible === this.shared.feasibleOn(snapshot).clusters;
    this.found = { feasible, rejected, specific, own, derived: true, classCandidates };
    return this.found;
  }

  /** The class's feasible list with this binding's own verdicts applied; the list itself if none differ. */
  private patched(own: ReadonlyMap<number, Status>): readonly Cluster[] {
    const removed = new Set<Cluster>();
    const added: Cluster[] = [];
    for (const [i, status] of own) {
      if (status.isSuccess() === this.shared.passes(i)) continue;
      if (status.isSuccess()) added.push(this.snapshot.clusterAt(i));
      else removed.add(this.snapshot.clusterAt(i));
    }
    const { clusters } = this.shared.feasibleOn(this.snapshot);
    if (removed.size === 0 && added.length === 0) return clusters;
    const kept = removed.size === 0 ? clusters : clusters.filter((c) => !removed.has(c));
    return mergeSorted(kept, added.sort(byName), byName);
  }

  /**
   * The class's ranking of its feasible clusters, with this binding's specific clusters taken
   * out and put back at their place with this binding's own totals. Falls back to the
   * per-binding ranking for candidates that are not the class's (a nomination, a narrowing).
   */
  rank(
    state: CycleState,
    binding: Binding,
    found: Feasibility,
    skipped: ReadonlySet<string>,
  ): { readonly scored: readonly ScoredCluster[] } | Aborted {
    const mine = this.found;
    if (!mine || found !== mine || !mine.derived)
      return this.perBinding.rank(state, binding, found, skipped);
    if (this.keys.normalized) {
      // Any binding-specific cluster may score differently for this binding, which would move
      // every normalized total: only bindings with none share the class's ranking.
      if (!mine.classCandidates || mine.specific.size > 0)
        return this.perBinding.rank(state, binding, found, skipped);
      return this.shared.normalizedRankingOf(() =>
        this.perBinding.rank(state, binding, found, skipped),
      );
    }
    for (const i of this.shared.feasibleOn(this.snapshot).positions) {
      if (this.shared.totalAt(i) !== undefined || mine.specific.has(i)) continue;
      const cluster = this.snapshot.clusterAt(i);
      const { status, total } = this.framework.scoreCluster(state, binding, cluster);
      if (!status.isSuccess()) return { error: status };
      this.shared.learnTotal(i, total);
    }
    const ranking = this.shared.rankingOn(this.snapshot);
    // Entries of the class's ranking this binding cannot use as they are.
    const extra: ScoredCluster[] = [];
    const drop = new Set<Cluster>();
    for (const [i, verdict] of mine.own) {
      const cluster = this.snapshot.clusterAt(i);
      const classTotal = this.shared.passes(i) ? this.shared.totalAt(i) : undefined;
      if (!verdict.isSuccess()) {
        if (classTotal !== undefined) drop.add(cluster);
        continue;
      }
      const { status, total } = this.framework.scoreCluster(state, binding, cluster);
      if (!status.isSuccess()) return { error: status };
      if (total === classTotal) continue;
      if (classTotal !== undefined) drop.add(cluster);
      extra.push({ cluster, score: total });
    }
    if (extra.length === 0 && drop.size === 0) return { scored: ranking };
    const kept = drop.size === 0 ? ranking : ranking.filter((entry) => !drop.has(entry.cluster));
    return { scored: mergeSorted(kept, extra.sort(byScoreThenName), byScoreThenName) };
  }

  /** The class's capacity answer when every estimator has a key and the candidates are the class's. */
  estimate(
    state: CycleState,
    binding: Binding,
    found: Feasibility,
  ): Promise<ReadonlyMap<string, number>> {
    const key =
      found === this.found && this.found.classCandidates
        ? this.cache.estimatorKey(binding)
        : undefined;
    if (key === undefined) return this.perBinding.estimate(state, binding, found);
    return this.shared.estimate(key, this.snapshot, (clusters) =>
      this.perBinding.estimate(state, binding, clusters ? { ...found, feasible: clusters } : found),
    );
  }
}
