import type { BenchConfig } from './bench-config';
import { runEtcd, type EtcdResult } from './suites/etcd-suite';
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

/** An etcd row: the median run by bindings/s applied, with every run's figures (the noise). */
export interface EtcdRow extends EtcdResult {
  readonly runs: number;
  readonly bindingsPerSecondAll: readonly number[];
  readonly failoverMsAll: readonly number[];
}

export interface BenchResults {
  readonly throughput: readonly ThroughputRow[];
  readonly storm: {
    readonly unlimited: StormRow;
    /** The same storm on a scheduler that has not scheduled the fleet before (a controller just started). */
    readonly cold: StormRow;
    readonly rateLimited: StormResult;
  };
  readonly growth: readonly GrowthAxis[];
  readonly overhead: OverheadResult;
  readonly simulate: readonly SimulateRow[];
  readonly etcd: readonly EtcdRow[];
}

export type Suite = 'throughput' | 'storm' | 'growth' | 'overhead' | 'simulate' | 'etcd';
export const SUITES: readonly Suite[] = [
  'throughput',
  'storm',
  'growth',
  'overhead',
  'simulate',
  'etcd',
];

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
    const stormRow = async (warm: boolean): Promise<StormRow> => {
      const runs: StormResult[] = [];
      for (let i = 0; i < config.repeat; i++) {
        const run = await runStorm({
          clusters,
          bindings,
          replicas,
          policies,
          rateLimited: false,
          warm,
        });
        runs.push(run);
        log(
          `storm (no rate limit, ${warm ? 'warm' : 'cold'} scheduler): ${run.affected} affected, re-placed in ${Math.round(run.wallMs)} ms wall`,
        );
      }
      const wall = runs.map((r) => r.wallMs);
      return { ...medianRun(runs, (r) => r.wallMs), runs: runs.length, wallMsAll: wall };
    };
    const unlimited = await stormRow(true);
    const cold = await stormRow(false);
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
    results.storm = { unlimited, cold, rateLimited };
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
  if (suites.includes('etcd')) {
    const rows: EtcdRow[] = [];
    for (const c of config.etcd.cases) {
      const runs: EtcdResult[] = [];
      for (let i = 0; i < config.repeat; i++) runs.push(await runEtcd(c));
      const row = {
        ...medianRun(runs, (r) => r.bindingsPerSecond),
        runs: runs.length,
        bindingsPerSecondAll: runs.map((r) => r.bindingsPerSecond),
        failoverMsAll: runs.map((r) => r.failoverMs),
      };
      log(
        `etcd ${c.bindings} bindings on ${c.clusters} clusters: ${Math.round(row.bindingsPerSecond)} bindings/s (runs ${row.bindingsPerSecondAll.map((r) => Math.round(r)).join(', ')}); ${row.affected} re-placed in ${Math.round(row.failoverMs)} ms (runs ${row.failoverMsAll.map((r) => Math.round(r)).join(', ')}), eviction rate ${c.evictionRate ?? 'unlimited'}`,
      );
      rows.push(row);
    }
    results.etcd = rows;
  }
  return results;
}
