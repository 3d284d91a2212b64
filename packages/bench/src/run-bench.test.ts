import { TINY_CONFIG } from './bench-config';
import { printResults } from './report/print-results';
import { checkTargets } from './report/targets';
import { runBench } from './run-bench';
import { runStorm } from './suites/storm-suite';

// Tiny sizes of every suite so the benchmark cannot rot: they must run and their results must be
// well-formed and correct. Nothing here asserts a time; `npm run bench` measures.
describe('the benchmark suites at tiny sizes', () => {
  jest.setTimeout(120_000);

  it('throughput: every profile schedules every binding it places completely', async () => {
    const { throughput } = await runBench(TINY_CONFIG, ['throughput']);
    expect(throughput).toHaveLength(
      TINY_CONFIG.throughput.profiles.length * TINY_CONFIG.throughput.clusters.length,
    );
    for (const row of throughput ?? []) {
      expect(row.bindings).toBe(TINY_CONFIG.throughput.bindings);
      expect(row.incomplete).toBe(0);
      expect(row.placed).toBeGreaterThan(0);
      expect(row.bindingsPerSecond).toBeGreaterThan(0);
      expect(row.p99Us).toBeGreaterThanOrEqual(row.p50Us);
    }
    // Dynamic weight over a fleet with room for everything places every binding.
    expect(
      throughput
        ?.filter((r) => r.profile === 'karmada-dynamic')
        .every((r) => r.placed === r.bindings),
    ).toBe(true);
  });

  it('storm: every binding on the failed cluster is re-placed, with and without the rate limit, warm and cold', async () => {
    const { storm } = await runBench(TINY_CONFIG, ['storm']);
    for (const run of [storm?.unlimited, storm?.cold, storm?.rateLimited]) {
      expect(run?.affected).toBeGreaterThan(0);
      expect(run?.replaced).toBe(run?.affected);
    }
    // The default rate (0.5/s) starts one eviction every 2 s; without a limit no virtual time passes waiting.
    expect(storm?.rateLimited.virtualMs).toBeGreaterThanOrEqual(
      ((storm?.rateLimited.affected ?? 0) - 1) * 2000,
    );
    expect(storm?.unlimited.virtualMs).toBeLessThan(storm?.rateLimited.virtualMs ?? 0);
  });

  it('storm: the same seed fails the same cluster with the same bindings', async () => {
    const c = {
      clusters: 15,
      bindings: 30,
      replicas: 150,
      policies: 4,
      rateLimited: false,
    } as const;
    const [a, b] = [await runStorm(c), await runStorm(c)];
    expect([a.failedCluster, a.affected]).toEqual([b.failedCluster, b.affected]);
  });

  it('growth and overhead: ratios are positive and the three overhead runs place identically', async () => {
    const results = await runBench(TINY_CONFIG, ['growth', 'overhead']);
    expect(results.growth?.map((a) => a.axis)).toEqual(['clusters', 'bindings']);
    for (const axis of results.growth ?? []) {
      expect(axis.ratio).toBeGreaterThan(0);
      expect(axis.ofLinear).toBeCloseTo(axis.ratio / axis.linear);
    }
    expect(results.overhead?.mismatches).toBe(0);
    expect(results.overhead?.ratio).toBeGreaterThan(0);
    const text = printResults(results, checkTargets(results));
    expect(text).toContain('Growth');
    expect(text).toContain('Framework overhead');
    expect(text).toContain('Targets');
  });

  it('simulate: lifeboat simulate runs a generated region loss from YAML and JSON alike', async () => {
    const { simulate } = await runBench(TINY_CONFIG, ['simulate']);
    expect(simulate?.map((r) => r.format)).toEqual(['yaml', 'json']);
    const [yaml, json] = simulate ?? [];
    for (const row of simulate ?? []) {
      expect(row.clusters).toBe(8);
      // Every workload is back on its other region, none unschedulable: the run really happened.
      expect(row.readyElsewhere).toBe(row.workloads);
      expect(row.unschedulable).toBe(0);
      expect(row.maxRssMb).toBeGreaterThan(0);
      expect(row.cpuMs).toBeGreaterThan(0);
    }
    // One scenario, two formats: the same run, so the same report.
    expect([json?.reportBytes, json?.timelineEntries]).toEqual([
      yaml?.reportBytes,
      yaml?.timelineEntries,
    ]);
    expect(json?.scenarioBytes).not.toBe(yaml?.scenarioBytes);
    expect(printResults({ simulate: simulate ?? [] }, [])).toContain('lifeboat simulate');
  });

  it('etcd: bindings are scheduled and reported running through a real etcd, and re-placed off a failed cluster', async () => {
    const { etcd } = await runBench(TINY_CONFIG, ['etcd']);
    expect(etcd?.map((r) => r.evictionRate)).toEqual([undefined, 1000]);
    for (const row of etcd ?? []) {
      // 60 bindings over 10 clusters, 2 each: every cluster hosts 12.
      expect(row.affected).toBe((row.bindings * row.clustersPerBinding) / row.clusters);
      expect(row.replaced).toBe(row.affected);
      // Each binding is created, scheduled and reported on: three writes, which the store
      // batches into fewer transactions.
      expect(row.applyRoundTrips.txn).toBeGreaterThan(0);
      expect(row.applyRoundTrips.txn).toBeLessThan(3 * row.bindings);
      expect(row.failoverRoundTrips.txn).toBeGreaterThan(0);
    }
    expect(printResults({ etcd: etcd ?? [] }, [])).toContain('real etcd');
  });
});
