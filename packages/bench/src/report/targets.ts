import type { BenchResults } from '../run-bench';

/** One target (issues 6 and 15) with what was measured. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** The issue's targets, checked against what this run measured (missing suites are left out). */
export function checkTargets(results: Partial<BenchResults>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const rate = (clusters: number) =>
    results.throughput?.find((r) => r.profile === 'karmada-dynamic' && r.clusters === clusters);
  for (const [clusters, floor] of [
    [1000, 10_000],
    [5000, 2_000],
  ] as const) {
    const row = rate(clusters);
    if (row)
      checks.push({
        target: `>= ${floor.toLocaleString('en-US')} bindings/s at ${clusters.toLocaleString('en-US')} clusters (Karmada, dynamic weight)`,
        measured: `${Math.round(row.bindingsPerSecond).toLocaleString('en-US')}/s`,
        met: row.bindingsPerSecond >= floor && row.incomplete === 0,
      });
  }
  // Issue 15: every other profile through the same equivalence mechanism, at 1,000 clusters.
  for (const row of results.throughput ?? []) {
    if (row.clusters !== 1000 || row.profile === 'karmada-dynamic') continue;
    checks.push({
      target: `>= 10,000 bindings/s at 1,000 clusters (${row.profile})`,
      measured: `${Math.round(row.bindingsPerSecond).toLocaleString('en-US')}/s`,
      met: row.bindingsPerSecond >= 10_000 && row.incomplete === 0,
    });
  }
  const storm = results.storm?.unlimited;
  if (storm) {
    for (const [label, run] of [
      ['warm', storm],
      ['cold', results.storm.cold],
    ] as const) {
      checks.push({
        target: `failover storm re-placed in <= 1 s wall (${label} scheduler)`,
        measured: `${Math.round(run.wallMs)} ms (${run.replaced}/${run.affected} bindings)`,
        met: run.wallMs <= 1000 && run.replaced === run.affected,
      });
    }
    const heap = Math.max(storm.heapMb, storm.heapAfterMb);
    checks.push({
      target: 'heap <= 300 MB for the storm fleet',
      measured: `${Math.round(heap)} MB`,
      met: heap <= 300,
    });
  }
  for (const axis of results.growth ?? []) {
    checks.push({
      target: `growth over ${axis.axis} within 1.2x of linear`,
      measured: `${axis.ratio.toFixed(2)} vs linear ${axis.linear} (${axis.ofLinear.toFixed(2)}x)`,
      met: axis.ofLinear <= 1.2,
    });
  }
  if (results.overhead) {
    checks.push({
      target: 'framework overhead <= 1.3x',
      measured: `${results.overhead.ratio.toFixed(2)}x`,
      met: results.overhead.ratio <= 1.3 && results.overhead.mismatches === 0,
    });
  }
  for (const r of results.simulate ?? []) {
    const correct = r.readyElsewhere === r.workloads && r.unschedulable === 0;
    const size = `${r.clusters.toLocaleString('en-US')} clusters, ${r.workloads.toLocaleString('en-US')} workloads, ${r.format}`;
    if (r.clusters === 100 && r.format === 'yaml')
      checks.push({
        target: `lifeboat simulate region loss (${size}) <= 1 s wall`,
        measured: `${Math.round(r.wallMs)} ms`,
        met: r.wallMs <= 1000 && correct,
      });
    if (r.clusters === 1000) {
      checks.push({
        target: `lifeboat simulate region loss (${size}) <= 5 s wall`,
        measured: `${Math.round(r.wallMs)} ms`,
        met: r.wallMs <= 5000 && correct,
      });
      checks.push({
        target: `lifeboat simulate region loss (${size}) <= 500 MB max RSS`,
        measured: `${Math.round(r.maxRssMb)} MB`,
        met: r.maxRssMb <= 500 && correct,
      });
    }
  }
  for (const r of results.etcd ?? []) {
    if (r.clusters < 100) continue;
    if (r.evictionRate === undefined)
      checks.push({
        target: `>= 1,000 bindings/s end to end on etcd (${r.bindings.toLocaleString('en-US')} applied, scheduled and running)`,
        measured: `${Math.round(r.bindingsPerSecond).toLocaleString('en-US')}/s`,
        met: r.bindingsPerSecond >= 1000,
      });
    checks.push({
      target: `one of ${r.clusters} clusters fails: its ${r.affected.toLocaleString('en-US')} bindings re-placed in etcd <= 2 s (eviction rate ${r.evictionRate === undefined ? 'no limit' : `${r.evictionRate}/s`})`,
      measured: `${Math.round(r.failoverMs)} ms`,
      met: r.failoverMs <= 2000 && r.replaced === r.affected,
    });
  }
  return checks;
}
