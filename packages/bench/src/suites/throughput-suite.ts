import type { Binding, Cluster, Placement, Scheduler } from '@lifeboat/core';
import { clusternetPolicies } from '../fleet/clusternet-policies';
import { SeededRandom } from '../fleet/seeded-random';
import { syntheticBindings } from '../fleet/synthetic-bindings';
import { syntheticClusters } from '../fleet/synthetic-clusters';
import { syntheticPolicies } from '../fleet/synthetic-policies';
import { heapUsedMb } from '../harness/heap';
import { elapsedMs, nowNs, quantile } from '../harness/stopwatch';
import { clusternetScheduler } from '../schedulers/clusternet-scheduler';
import { karmadaScheduler } from '../schedulers/karmada-scheduler';
import { placementIsComplete } from './placement-check';

/** One row of the throughput table: a profile and division on a fleet size. */
export type ThroughputProfile =
  | 'karmada-dynamic'
  | 'karmada-static'
  | 'karmada-spread'
  | 'clusternet-static'
  | 'clusternet-dynamic';

export const THROUGHPUT_PROFILES: readonly ThroughputProfile[] = [
  'karmada-dynamic',
  'karmada-static',
  'karmada-spread',
  'clusternet-static',
  'clusternet-dynamic',
];

export interface ThroughputCase {
  readonly profile: ThroughputProfile;
  readonly clusters: number;
  readonly bindings: number;
  /** Distinct placement policies the bindings share. */
  readonly policies: number;
  /** Stop measuring after this much wall time (the row then reports how many it measured). */
  readonly budgetMs?: number;
  readonly seed?: number;
}

export interface ThroughputResult {
  readonly profile: ThroughputProfile;
  readonly clusters: number;
  readonly policies: number;
  /** Bindings scheduled in the measured run (all of them unless the budget ran out). */
  readonly bindings: number;
  /** Bindings placed (the rest were unschedulable, e.g. a spread no policy cluster set can meet). */
  readonly placed: number;
  /** Placements that were not complete (must be 0 for a valid run). */
  readonly incomplete: number;
  readonly totalMs: number;
  readonly bindingsPerSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Heap in use after the run, with the fleet and the scheduler's caches alive. */
  readonly heapMb: number;
}

/** A fleet and bindings for one case; the same seed gives the same fleet. */
export function throughputFleet(
  c: ThroughputCase,
  count = c.bindings,
  seed = c.seed ?? 1,
): { clusters: Cluster[]; bindings: Binding[] } {
  const random = new SeededRandom(seed);
  const clusters = syntheticClusters(c.clusters, random);
  let policies: Placement[];
  switch (c.profile) {
    case 'karmada-dynamic':
      policies = syntheticPolicies(c.policies, 'dynamic', random);
      break;
    case 'karmada-static':
      policies = syntheticPolicies(c.policies, 'static', random);
      break;
    case 'karmada-spread':
      policies = syntheticPolicies(c.policies, 'spread', random);
      break;
    case 'clusternet-static':
      policies = clusternetPolicies(c.policies, 'Static', random);
      break;
    case 'clusternet-dynamic':
      policies = clusternetPolicies(c.policies, 'Dynamic', random);
      break;
  }
  return { clusters, bindings: syntheticBindings({ count, policies }, random) };
}

/** The DI-wired scheduler of a profile. */
export function schedulerFor(profile: ThroughputProfile): Scheduler {
  return profile.startsWith('clusternet') ? clusternetScheduler() : karmadaScheduler();
}

/**
 * Schedules every binding once (an initial placement) with the profile's scheduler, timing each
 * call. A warm-up on a different fleet of the same shape runs first, so the JIT is warm but no
 * cache holds results for the measured fleet.
 */
export async function runThroughput(
  c: ThroughputCase,
  scheduler: Scheduler = schedulerFor(c.profile),
): Promise<ThroughputResult> {
  const warm = throughputFleet(c, Math.min(300, c.bindings), (c.seed ?? 1) + 1000);
  for (const binding of warm.bindings) await scheduler.schedule(binding, warm.clusters, 0);
  const { clusters, bindings } = throughputFleet(c);
  const times: number[] = [];
  let placed = 0;
  let incomplete = 0;
  const start = nowNs();
  for (const binding of bindings) {
    const t0 = nowNs();
    const result = await scheduler.schedule(binding, clusters, 0);
    times.push(Number(nowNs() - t0) / 1e3);
    if (result.ok) {
      placed++;
      if (!placementIsComplete(binding, result)) incomplete++;
    }
    if (c.budgetMs !== undefined && times.length % 50 === 0 && elapsedMs(start) > c.budgetMs) break;
  }
  const totalMs = elapsedMs(start);
  return {
    profile: c.profile,
    clusters: c.clusters,
    policies: c.policies,
    bindings: times.length,
    placed,
    incomplete,
    totalMs,
    bindingsPerSecond: (times.length / totalMs) * 1000,
    p50Us: quantile(times, 0.5),
    p99Us: quantile(times, 0.99),
    heapMb: heapUsedMb(),
  };
}
