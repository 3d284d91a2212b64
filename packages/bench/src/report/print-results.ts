import type { BenchResults } from '../run-bench';
import { formatTable } from './table';
import type { TargetCheck } from './targets';

/** The whole run as text tables: throughput, storm, growth, overhead, targets. */
export function printResults(
  results: Partial<BenchResults>,
  targets: readonly TargetCheck[],
): string {
  const parts: string[] = [];
  if (results.throughput) {
    parts.push(
      'Scheduling throughput (median of runs; min-max is the noise)\n' +
        formatTable(
          [
            'profile',
            'clusters',
            'bindings',
            'placed',
            'incomplete',
            'bindings/s',
            'min-max /s',
            'p50 us',
            'p99 us',
            'heap MB',
          ],
          results.throughput.map((r) => [
            r.profile,
            r.clusters,
            r.bindings,
            r.placed,
            r.incomplete,
            r.bindingsPerSecond,
            `${Math.round(r.minBindingsPerSecond)}-${Math.round(r.maxBindingsPerSecond)}`,
            r.p50Us,
            r.p99Us,
            r.heapMb,
          ]),
        ),
    );
  }
  if (results.storm) {
    const { unlimited: u, cold: c, rateLimited: l } = results.storm;
    parts.push(
      `Failover storm (${u.clusters} clusters, ${u.bindings} bindings, ${u.replicas} replicas; ${u.failedCluster} fails)\n` +
        formatTable(
          [
            'eviction rate',
            'affected',
            're-placed',
            'wall ms',
            'virtual s',
            'heap MB before',
            'heap MB after',
            'runs (wall ms)',
          ],
          [
            ...(
              [
                ['no limit', u],
                ['no limit, cold scheduler', c],
              ] as const
            ).map(([label, r]) => [
              label,
              r.affected,
              r.replaced,
              r.wallMs,
              r.virtualMs / 1000,
              r.heapMb,
              r.heapAfterMb,
              r.wallMsAll.map((w) => Math.round(w)).join(', '),
            ]),
            [
              'default 0.5/s',
              l.affected,
              l.replaced,
              l.wallMs,
              l.virtualMs / 1000,
              l.heapMb,
              l.heapAfterMb,
              '1 run',
            ],
          ],
        ),
    );
  }
  if (results.growth) {
    parts.push(
      'Growth (Karmada, dynamic weight)\n' +
        formatTable(
          ['axis', 'from', 'to', 'cost ratio', 'linear', 'of linear'],
          results.growth.map((a) => [a.axis, a.from, a.to, a.ratio, a.linear, a.ofLinear]),
        ),
    );
  }
  if (results.overhead) {
    const o = results.overhead;
    parts.push(
      `Framework overhead (${o.clusters} clusters, ${o.bindings} bindings; median of ${o.rounds} alternating rounds, framework/direct ranged ${o.ratioRange[0].toFixed(2)}-${o.ratioRange[1].toFixed(2)})\n` +
        formatTable(
          ['run', 'ms', 'over direct'],
          [
            ['direct calls', o.directMs, 1],
            ['framework, cache off', o.frameworkMs, o.ratio],
            ['framework, cache on', o.cachedMs, o.cachedRatio],
          ],
        ) +
        `\nplacements that differ between the three: ${o.mismatches}`,
    );
  }
  if (results.simulate) {
    parts.push(
      'lifeboat simulate: region loss (tools/generate-region-loss.js, us-east fails at 5m, 30 min virtual; median of runs)\n' +
        formatTable(
          [
            'clusters',
            'workloads',
            'file',
            'file MB',
            'wall ms',
            'runs (wall ms)',
            'cpu ms',
            'max RSS MB',
            'report MB',
            'timeline',
            'ready elsewhere',
            'unschedulable',
          ],
          results.simulate.map((r) => [
            r.clusters,
            r.workloads,
            r.format,
            r.scenarioBytes / 1e6,
            r.wallMs,
            r.wallMsAll.map((w) => Math.round(w)).join(', '),
            r.cpuMs,
            r.maxRssMb,
            r.reportBytes / 1e6,
            r.timelineEntries,
            r.readyElsewhere,
            r.unschedulable,
          ]),
        ),
    );
  }
  if (results.etcd) {
    const perBinding = (trips: { range: number; txn: number }, n: number) =>
      `${(trips.range / n).toFixed(1)} + ${(trips.txn / n).toFixed(1)}`;
    parts.push(
      'End to end on a real etcd (loopback, fenced writes; (a) apply until scheduled and running, (b) one cluster tainted NoExecute until its bindings are re-placed)\n' +
        formatTable(
          [
            'clusters',
            'bindings',
            '(a) bindings/s',
            'runs /s',
            'range + txn per binding',
            'eviction rate',
            '(b) affected',
            're-placed',
            '(b) ms',
            'runs (ms)',
            'range + txn per re-placed',
          ],
          results.etcd.map((r) => [
            r.clusters,
            r.bindings,
            r.bindingsPerSecond,
            r.bindingsPerSecondAll.map((v) => Math.round(v)).join(', '),
            perBinding(r.applyRoundTrips, r.bindings),
            r.evictionRate === undefined ? 'no limit' : `${r.evictionRate}/s`,
            r.affected,
            r.replaced,
            r.failoverMs,
            r.failoverMsAll.map((v) => Math.round(v)).join(', '),
            perBinding(r.failoverRoundTrips, Math.max(1, r.affected)),
          ]),
        ),
    );
  }
  if (targets.length) {
    parts.push(
      'Targets\n' +
        formatTable(
          ['target', 'measured', 'met'],
          targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'NO']),
        ),
    );
  }
  return parts.join('\n\n');
}
