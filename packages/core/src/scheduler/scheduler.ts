import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type { ScoredCluster, SchedulingStrategy } from '../contracts/scheduling-strategy';
import type { Binding, TargetCluster } from '../model/binding';
import { evictingClusters } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { AFFINITY_NAME, CycleState } from './cycle-state';
import { FitError } from './fit-error';
import type { SchedulerFramework } from './framework';
import { Status } from './status';

/** The outcome of scheduling one binding. @public */
export type ScheduleResult =
  | {
      readonly ok: true;
      readonly clusters: readonly TargetCluster[];
      /** The feasible clusters with their scores, best first. */
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
 * @public
 */
export class Scheduler {
  constructor(
    readonly framework: SchedulerFramework,
    private readonly strategies: readonly SchedulingStrategy[],
    private readonly estimators: readonly CapacityEstimator[],
    readonly options: SchedulerOptions = {},
  ) {}

  /** The strategy for this binding: the last registered one that applies. */
  strategyFor(binding: Binding): SchedulingStrategy | undefined {
    for (let i = this.strategies.length - 1; i >= 0; i--) {
      const strategy = this.strategies[i] as SchedulingStrategy;
      if (strategy.appliesTo(binding)) return strategy;
    }
    return undefined;
  }

  async schedule(binding: Binding, clusters: readonly Cluster[], now: number): Promise<ScheduleResult> {
    const strategy = this.strategyFor(binding);
    if (!strategy) {
      return { ok: false, status: Status.error(new Error(`no scheduling strategy applies to replica scheduling ${JSON.stringify(binding.spec.placement.replicaScheduling)}; register one under SCHEDULING_STRATEGIES`)) };
    }
    const state = new CycleState();
    const all = [...clusters].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    const pre = await this.framework.runPreFilter(state, binding, all);
    if (pre.status.code === 'Error') return { ok: false, status: pre.status };
    if (!pre.status.isSuccess()) {
      const fitError = new FitError(all.length, new Map(all.map((c) => [c.metadata.name, pre.status])));
      return { ok: false, status: Status.unschedulable(fitError.message()).withPlugin(pre.status.plugin ?? 'PreFilter'), fitError };
    }

    const evicting = evictingClusters(binding);
    const rejected = new Map<string, Status>();
    let feasible: Cluster[] = [];
    for (const cluster of all) {
      const name = cluster.metadata.name;
      if (pre.clusters && !pre.clusters.has(name)) {
        rejected.set(name, Status.unresolvable('were filtered out by pre-filter').withPlugin('PreFilter'));
        continue;
      }
      if (evicting.has(name)) {
        rejected.set(name, Status.unresolvable('are being evicted from by this binding').withPlugin('EvictionTask'));
        continue;
      }
      const status = this.framework.runFilter(state, binding, cluster, pre.skipped);
      if (status.code === 'Error') return { ok: false, status };
      if (status.isSuccess()) feasible.push(cluster);
      else rejected.set(name, status);
    }

    if (feasible.length === 0) {
      const post = await this.framework.runPostFilter(state, binding, rejected);
      if (post.status.code === 'Error') return { ok: false, status: post.status };
      if (!post.status.isSuccess() || !post.nominated?.length) {
        const fitError = new FitError(all.length, rejected);
        return { ok: false, status: Status.unschedulable(fitError.message()), fitError };
      }
      const nominated = new Set(post.nominated);
      feasible = all.filter((c) => nominated.has(c.metadata.name) && !evicting.has(c.metadata.name));
    }

    const preScore = await this.framework.runPreScore(state, binding, feasible);
    if (!preScore.status.isSuccess()) return { ok: false, status: preScore.status };
    const { status: scoreStatus, totals } = this.framework.runScore(state, binding, feasible, preScore.skipped);
    if (!scoreStatus.isSuccess()) return { ok: false, status: scoreStatus };
    const scored = feasible.map((cluster, i) => ({ cluster, score: totals[i] as number })).sort(byScoreThenName);

    const availableReplicas = await this.estimate(binding, feasible, state);
    const assigned = strategy.assign(binding, scored, { availableReplicas, now, state });
    if (assigned.status) {
      const status = assigned.status.withPlugin(strategy.name);
      if (status.code === 'Error') return { ok: false, status };
      const fitError = new FitError(all.length, rejected, status.message());
      return { ok: false, status: Status.unschedulable(fitError.message()).withPlugin(strategy.name), fitError };
    }
    const reserve = this.framework.runReserve(state, binding, assigned.clusters);
    if (!reserve.isSuccess()) return { ok: false, status: reserve };
    return { ok: true, clusters: assigned.clusters, scored, strategy: strategy.name, affinityName: state.read(AFFINITY_NAME) };
  }

  private async estimate(binding: Binding, clusters: readonly Cluster[], state: CycleState): Promise<Map<string, number>> {
    const available = new Map<string, number>();
    for (const estimator of this.estimators) {
      const answer = await estimator.maxAvailableReplicas(binding, clusters, state);
      for (const [name, replicas] of answer) available.set(name, Math.min(available.get(name) ?? Number.POSITIVE_INFINITY, replicas));
    }
    return available;
  }
}
