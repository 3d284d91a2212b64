import type { SimulationReport } from '../report/simulation-report';
import type { FleetCurves, Steps } from './page-data';

/** Eviction intervals to choose from: the smallest that gives at most {@link MAX_BUCKETS}. */
const BUCKET_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
const MAX_BUCKETS = 120;

type Point = readonly [number, number];

/**
 * Curves with more points than this are thinned: a browser draws a few thousand points per chart
 * quickly, and a chart a few hundred pixels wide shows no more.
 */
export const MAX_CURVE_INTERVALS = 800;

/**
 * At most `2 × intervals + 1` points: in each of `intervals` equal slices of the run that has
 * changes, the lowest value of the slice from its start (so a dip shows, however short) and the
 * value it ends with from its middle. Curves of the same times are thinned to the same times.
 */
export function thinSteps(steps: Steps, end: number, intervals = MAX_CURVE_INTERVALS): Steps {
  if (steps.length <= 2 * intervals + 1) return steps;
  const width = end / intervals;
  const sliceOf = (t: number) => Math.min(intervals - 1, Math.floor(t / width));
  const at = (t: number) => Math.round(t * 1000) / 1000;
  const points: [number, number][] = [];
  let carried = steps[0]?.[1] ?? 0;
  let i = 0;
  while (i < steps.length) {
    const slice = sliceOf((steps[i] as Point)[0]);
    let lowest = carried;
    while (i < steps.length) {
      const [t, value] = steps[i] as Point;
      if (sliceOf(t) !== slice) break;
      carried = value;
      lowest = Math.min(lowest, value);
      i++;
    }
    points.push([at(slice * width), lowest], [at((slice + 0.5) * width), carried]);
  }
  points.push([end, carried]);
  return points;
}

/** Sums changes of one quantity at points in time into a step curve. */
class StepSum {
  private readonly deltas = new Map<number, number>();

  add(t: number, delta: number): void {
    if (delta !== 0) this.deltas.set(t, (this.deltas.get(t) ?? 0) + delta);
  }

  /** The curve from 0 to `end`, one point per change. */
  steps(end: number): Steps {
    let value = 0;
    const points: [number, number][] = [[0, 0]];
    for (const t of [...this.deltas.keys()].sort((a, b) => a - b)) {
      value += this.deltas.get(t) as number;
      if (points[points.length - 1]?.[0] === t) points.pop();
      points.push([t, value]);
    }
    if ((points[points.length - 1]?.[0] ?? 0) < end) points.push([end, value]);
    return points;
  }
}

/** Reads a step curve at increasing times. */
function reader(steps: Steps): (t: number) => number {
  let k = 0;
  return (t) => {
    while (k + 1 < steps.length && (steps[k + 1] as readonly [number, number])[0] <= t) k++;
    const point = steps[k];
    return point && point[0] <= t ? point[1] : 0;
  };
}

/** `ready` as a percentage of `desired` (100 when nothing is desired), to a tenth. */
function percentOf(ready: Steps, desired: Steps, end: number): Steps {
  const times = [...new Set([...ready, ...desired].map(([t]) => t))].sort((a, b) => a - b);
  const readyAt = reader(ready);
  const desiredAt = reader(desired);
  const points: [number, number][] = [];
  for (const t of times) {
    const want = desiredAt(t);
    const percent = want > 0 ? Math.round((1000 * readyAt(t)) / want) / 10 : 100;
    if (points[points.length - 1]?.[1] !== percent) points.push([t, percent]);
  }
  const last = points[points.length - 1];
  if (last && last[0] < end) points.push([end, last[1]]);
  return points;
}

function sumsBy<K extends string>(keys: Iterable<K>): Map<K, StepSum> {
  return new Map([...keys].map((k) => [k, new StepSum()]));
}

/**
 * Every key's curve at the same points in time (the union of theirs): ECharts stacks series by
 * point index, so stacked curves must share their times.
 */
function stackedSteps(sums: Map<string, StepSum>, end: number): Record<string, Steps> {
  const curves = [...sums]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, s]) => [k, s.steps(end)] as const);
  const times = [...new Set(curves.flatMap(([, steps]) => steps.map(([t]) => t)))].sort(
    (a, b) => a - b,
  );
  return Object.fromEntries(
    curves.map(([k, steps]) => {
      const at = reader(steps);
      return [
        k,
        thinSteps(
          times.map((t) => [t, at(t)] as const),
          end,
        ),
      ];
    }),
  );
}

/**
 * The fleet-wide curves of a run: ready and desired replicas summed over every workload (and per
 * region and namespace when there are several), clusters per Ready status, and evictions
 * started and completed per interval.
 * @public
 */
export function fleetCurves(report: SimulationReport): FleetCurves {
  const end = report.duration;
  const regionOf = new Map(
    Object.entries(report.clusters).map(([name, c]) => [name, c.region ?? '(no region)']),
  );
  const regions = new Set(regionOf.values());
  const namespaceOf = (workload: string) => workload.slice(0, workload.indexOf('/'));
  const namespaces = new Set(Object.keys(report.workloads).map(namespaceOf));

  const ready = new StepSum();
  const desired = new StepSum();
  const readyByRegion = sumsBy(regions);
  const nsReady = sumsBy(namespaces);
  const nsDesired = sumsBy(namespaces);
  for (const [name, w] of Object.entries(report.workloads)) {
    const ns = namespaceOf(name);
    let before = { ready: 0, desired: 0, byRegion: new Map<string, number>() };
    for (const s of w.series) {
      const byRegion = new Map<string, number>();
      for (const [cluster, n] of Object.entries(s.readyByCluster)) {
        const region = regionOf.get(cluster) ?? '(no region)';
        byRegion.set(region, (byRegion.get(region) ?? 0) + n);
      }
      ready.add(s.t, s.ready - before.ready);
      desired.add(s.t, s.desired - before.desired);
      nsReady.get(ns)?.add(s.t, s.ready - before.ready);
      nsDesired.get(ns)?.add(s.t, s.desired - before.desired);
      for (const region of new Set([...byRegion.keys(), ...before.byRegion.keys()]))
        readyByRegion
          .get(region)
          ?.add(s.t, (byRegion.get(region) ?? 0) - (before.byRegion.get(region) ?? 0));
      before = { ready: s.ready, desired: s.desired, byRegion };
    }
  }

  const status = sumsBy(['True', 'False', 'Unknown']);
  for (const c of Object.values(report.clusters)) {
    for (const h of c.readyHistory) {
      status.get(h.status)?.add(h.from, 1);
      if (h.to < end) status.get(h.status)?.add(h.to, -1);
    }
  }

  const bucketSeconds =
    BUCKET_SECONDS.find((b) => Math.ceil(end / b) <= MAX_BUCKETS) ?? Math.ceil(end / MAX_BUCKETS);
  const buckets = Math.max(1, Math.ceil(end / bucketSeconds));
  const started = new Array<number>(buckets).fill(0);
  const completed = new Array<number>(buckets).fill(0);
  for (const e of report.timeline) {
    if (e.type !== 'EvictionStarted' && e.type !== 'EvictionCompleted') continue;
    const bucket = Math.min(buckets - 1, Math.floor(e.t / bucketSeconds));
    const counts = e.type === 'EvictionStarted' ? started : completed;
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }

  return {
    ready: thinSteps(ready.steps(end), end),
    desired: thinSteps(desired.steps(end), end),
    readyByRegion: regions.size > 1 ? stackedSteps(readyByRegion, end) : {},
    readyPercentByNamespace:
      namespaces.size > 1
        ? Object.fromEntries(
            [...namespaces]
              .sort()
              .map((ns) => [
                ns,
                thinSteps(
                  percentOf(
                    (nsReady.get(ns) as StepSum).steps(end),
                    (nsDesired.get(ns) as StepSum).steps(end),
                    end,
                  ),
                  end,
                ),
              ]),
          )
        : {},
    clusterStatus: stackedSteps(status, end),
    evictions: { bucketSeconds, started, completed },
  };
}
