import {
  ClusterEviction,
  CycleState,
  type Binding,
  type Cluster,
  type FilterPlugin,
  type ScoredCluster,
  type Scheduler,
} from '@lifeboat/core';
import {
  ClusterAffinity,
  ClusterLocality,
  DynamicWeightStrategy,
  GeneralCapacityEstimator,
  SpreadConstraintFilter,
  TaintToleration,
} from '@lifeboat/karmada';
import { elapsedMs, nowNs } from '../harness/stopwatch';
import { karmadaScheduler } from '../schedulers/karmada-scheduler';
import { placementIsComplete } from './placement-check';
import { throughputFleet } from './throughput-suite';

export interface OverheadCase {
  readonly clusters: number;
  readonly bindings: number;
  readonly policies: number;
  /** Rounds of the three runs (default 5). */
  readonly rounds?: number;
  readonly seed?: number;
}

export interface OverheadResult {
  readonly clusters: number;
  readonly bindings: number;
  readonly rounds: number;
  /** The plugins, estimator and division called by hand, no framework, no cache. */
  readonly directMs: number;
  /** The DI-wired Scheduler with its equivalence cache turned off (the framework's own cost). */
  readonly frameworkMs: number;
  /** The DI-wired Scheduler as shipped (equivalence cache on). */
  readonly cachedMs: number;
  /** Framework over direct in the median round, and the lowest and highest round (the noise). */
  readonly ratio: number;
  readonly ratioRange: readonly [number, number];
  readonly cachedRatio: number;
  /** Bindings the three runs placed differently (must be 0). */
  readonly mismatches: number;
}

function byScoreThenName(a: ScoredCluster, b: ScoredCluster): number {
  if (a.score !== b.score) return b.score - a.score;
  const an = a.cluster.metadata.name;
  const bn = b.cluster.metadata.name;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/**
 * Karmada's default profile with dynamic weight as plain calls: the same four filters in profile
 * order, the locality score, the general estimator and the dynamic-weight division, over clusters
 * sorted once by name. What any scheduler has to do at least, without plugin dispatch, statuses
 * per extension point or caches.
 */
export function directScheduler(clusters: readonly Cluster[]) {
  const sorted = [...clusters].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const affinity = new ClusterAffinity();
  const filters: FilterPlugin[] = [
    new ClusterEviction(),
    new TaintToleration(),
    new SpreadConstraintFilter(),
    affinity,
  ];
  const locality = new ClusterLocality();
  const estimator = new GeneralCapacityEstimator();
  const strategy = new DynamicWeightStrategy();
  return async (binding: Binding) => {
    const state = new CycleState();
    affinity.preFilter(state, binding, sorted);
    const feasible = sorted.filter((c) =>
      filters.every((f) => f.filter(state, binding, c).isSuccess()),
    );
    const scored = feasible
      .map((cluster) => ({ cluster, score: locality.score(state, binding, cluster) }))
      .sort(byScoreThenName);
    const availableReplicas = await estimator.maxAvailableReplicas(binding, feasible);
    return strategy.assign(binding, scored, { availableReplicas, now: 0, state });
  };
}

async function timed(
  bindings: readonly Binding[],
  run: (b: Binding) => Promise<unknown>,
): Promise<{ ms: number; results: unknown[] }> {
  const results: unknown[] = [];
  const start = nowNs();
  for (const binding of bindings) results.push(await run(binding));
  return { ms: elapsedMs(start), results };
}

function placementKey(result: unknown): string {
  const r = result as { ok?: boolean; clusters?: readonly { name: string; replicas: number }[] };
  return JSON.stringify(r.clusters ?? null);
}

/**
 * The framework's cost over direct calls of the same plugins, division included. The three are
 * timed in alternation over several rounds and the median round counts, so a burst of load from
 * elsewhere on the machine hits one round, not one contestant.
 */
export async function runOverhead(c: OverheadCase): Promise<OverheadResult> {
  const { clusters, bindings } = throughputFleet({
    profile: 'karmada-dynamic',
    clusters: c.clusters,
    bindings: c.bindings,
    policies: c.policies,
    seed: c.seed,
  });
  const warm = throughputFleet({
    profile: 'karmada-dynamic',
    clusters: c.clusters,
    bindings: 300,
    policies: c.policies,
    seed: (c.seed ?? 1) + 1000,
  });
  const direct = directScheduler(clusters);
  const warmDirect = directScheduler(warm.clusters);
  const uncached: Scheduler = karmadaScheduler({ equivalenceCache: false });
  const cached: Scheduler = karmadaScheduler();
  for (const b of warm.bindings) {
    await warmDirect(b);
    await uncached.schedule(b, warm.clusters, 0);
    await cached.schedule(b, warm.clusters, 0);
  }
  const rounds: { d: number; f: number; k: number }[] = [];
  let mismatches = 0;
  for (let round = 0; round < (c.rounds ?? 5); round++) {
    const d = await timed(bindings, direct);
    const f = await timed(bindings, (b) => uncached.schedule(b, clusters, 0));
    const k = await timed(bindings, (b) => cached.schedule(b, clusters, 0));
    rounds.push({ d: d.ms, f: f.ms, k: k.ms });
    if (round > 0) continue;
    bindings.forEach((binding, i) => {
      const framework = f.results[i] as Awaited<ReturnType<Scheduler['schedule']>>;
      if (
        placementKey(d.results[i]) !== placementKey(framework) ||
        placementKey(framework) !== placementKey(k.results[i])
      )
        mismatches++;
      else if (framework.ok && !placementIsComplete(binding, framework)) mismatches++;
    });
  }
  const ratios = rounds.map((r) => r.f / r.d);
  const middle = [...rounds].sort((a, b) => a.f / a.d - b.f / b.d)[
    Math.floor((rounds.length - 1) / 2)
  ] as { d: number; f: number; k: number };
  return {
    clusters: c.clusters,
    bindings: c.bindings,
    rounds: rounds.length,
    directMs: middle.d,
    frameworkMs: middle.f,
    cachedMs: middle.k,
    ratio: middle.f / middle.d,
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    cachedRatio: middle.k / middle.d,
    mismatches,
  };
}
