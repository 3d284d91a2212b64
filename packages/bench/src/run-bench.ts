import type { BenchConfig } from './bench-config';
import { runGrowth, type GrowthAxis } from './suites/growth-suite';
import { runOverhead, type OverheadResult } from './suites/overhead-suite';
import { runSimulate, type SimulateResult } from './suites/simulate-suite';
import { runStorm, type StormResult } from './suites/storm-suite';
import { runThroughput, type ThroughputResult } from './suites/throughput-suite';

/** A throughput row: the median run by bindings/s, with the spread of all runs (the noise). */
export interface ThroughputRow extends ThroughputResult {
  readonly runs: number;
  readonly minBindingsPerSecond: number;
  readonly maxBindingsPerSecond: number;
}

export interface StormRow extends StormResult {
  readonly runs: number;
  readonly wallMsAll: readonly number[];
}

/** A simulation row: the median run by wall time, with every run's wall time (the noise). */
export interface SimulateRow extends SimulateResult {
  readonly runs: number;
  readonly wallMsAll: readonly number[];
  readonly maxRssMbAll: readonly number[];
}

export interface BenchResults {
  readonly throughput: readonly ThroughputRow[];
  readonly storm: { readonly unlimited: StormRow; readonly rateLimited: StormResult };
  readonly growth: readonly GrowthAxis[];
  readonly overhead: OverheadResult;
  readonly simulate: readonly SimulateRow[];
}

export type Suite = 'throughput' | 'storm' | 'growth' | 'overhead' | 'simulate';
export const SUITES: readonly Suite[] = ['throughput', 'storm', 'growth', 'overhead', 'simulate'];

function medianRun<T>(runs: readonly T[], value: (r: T) => number): T {
  const sorted = [...runs].sort((a, b) => value(a) - value(b));
  return sorted[Math.floor((sorted.length - 1) / 2)] as T;
}

/** Runs the chosen suites one after another (never concurrently: they would measure each other). */
export async function runBench(
  config: BenchConfig,
  suites: readonly Suite[] = SUITES,
  log: (line: string) => void = () => undefined,
): Promise<Partial<BenchResults>> {
  const results: { -readonly [K in keyof BenchResults]?: BenchResults[K] } = {};
  if (suites.includes('throughput')) {
    const rows: ThroughputRow[] = [];
    for (const clusters of config.throughput.clusters) {
      for (const profile of config.throughput.profiles) {
        const runs: ThroughputResult[] = [];
        for (let i = 0; i < config.repeat; i++) {
          runs.push(
            await runThroughput({
              profile,
              clusters,
              bindings: config.throughput.bindings,
              policies: config.throughput.policies,
              budgetMs: config.throughput.budgetMs,
            }),
          );
        }
        const rates = runs.map((r) => r.bindingsPerSecond);
        const row = {
          ...medianRun(runs, (r) => r.bindingsPerSecond),
          runs: runs.length,
          minBindingsPerSecond: Math.min(...rates),
          maxBindingsPerSecond: Math.max(...rates),
        };
        log(
          `throughput ${profile} on ${clusters} clusters: ${Math.round(row.bindingsPerSecond)} bindings/s (runs ${rates.map((r) => Math.round(r)).join(', ')})`,
        );
        rows.push(row);
      }
    }
    results.throughput = rows;
  }
  if (suites.includes('storm')) {
    const { clusters, bindings, replicas, policies } = config.storm;
    const runs: StormResult[] = [];
    for (let i = 0; i < config.repeat; i++) {
      runs.push(await runStorm({ clusters, bindings, replicas, policies, rateLimited: false }));
      log(
        `storm (no rate limit): ${runs[i]?.affected} affected, re-placed in ${Math.round(runs[i]?.wallMs ?? 0)} ms wall`,
      );
    }
    const wall = runs.map((r) => r.wallMs);
    const unlimited = { ...medianRun(runs, (r) => r.wallMs), runs: runs.length, wallMsAll: wall };
    const rateLimited = await runStorm({
      clusters,
      bindings,
      replicas,
      policies,
      rateLimited: true,
      virtualLimitMs: config.storm.rateLimitedVirtualLimitMs,
    });
    log(
      `storm (default rate limit): ${rateLimited.replaced}/${rateLimited.affected} re-placed in ${rateLimited.virtualMs / 1000} s virtual, ${Math.round(rateLimited.wallMs)} ms wall`,
    );
    results.storm = { unlimited, rateLimited };
  }
  if (suites.includes('growth')) {
    results.growth = await runGrowth(config.growth);
    for (const a of results.growth)
      log(`growth over ${a.axis}: ${a.ratio.toFixed(2)} (linear ${a.linear})`);
  }
  if (suites.includes('overhead')) {
    results.overhead = await runOverhead(config.overhead);
    log(
      `framework overhead: ${results.overhead.ratio.toFixed(2)}x uncached, ${results.overhead.cachedRatio.toFixed(2)}x cached`,
    );
  }
  if (suites.includes('simulate')) {
    const rows: SimulateRow[] = [];
    for (const c of config.simulate.cases) {
      const runs: SimulateResult[] = [];
      for (let i = 0; i < config.repeat; i++) runs.push(runSimulate(c));
      const wall = runs.map((r) => r.wallMs);
      const row = {
        ...medianRun(runs, (r) => r.wallMs),
        runs: runs.length,
        wallMsAll: wall,
        maxRssMbAll: runs.map((r) => r.maxRssMb),
      };
      log(
        `simulate region loss, ${row.clusters} clusters, ${row.workloads} workloads (${c.format}): ${Math.round(row.wallMs)} ms wall (runs ${wall.map((w) => Math.round(w)).join(', ')}), ${Math.round(row.maxRssMb)} MB max RSS`,
      );
      rows.push(row);
    }
    results.simulate = rows;
  }
  return results;
}
