import type {
  ClusterReport,
  PlacementMap,
  SimulationReport,
  TimelineEntry,
  WorkloadReport,
} from './simulation-report';
import { summaryLines } from './summary-lines';
import { clockTime, span } from './time-format';

/** Options of {@link renderReport}. @public */
export interface RenderOptions {
  /** Same-type entries in a row at one instant beyond this many are printed as one line (default 6). */
  readonly groupAbove?: number;
  /** An instant with more entries than this is printed as one line per type (default 40). */
  readonly summarizeAbove?: number;
  /** A timeline with more entries than this is printed as counts per type per minute (default 400). */
  readonly perMinuteAbove?: number;
  /** Workloads listed one per line before the table is cut to the worst ones (default 50). */
  readonly maxWorkloadRows?: number;
}

function placement(p: PlacementMap): string {
  const entries = Object.entries(p);
  return entries.length ? entries.map(([c, n]) => `${c}=${n}`).join(' ') : '(none)';
}

function subject(e: TimelineEntry): string {
  if ('workload' in e && e.workload) return e.workload;
  if ('scope' in e) return e.region ?? 'fleet';
  return 'cluster' in e && e.cluster ? e.cluster : '';
}

function detail(e: TimelineEntry): string {
  switch (e.type) {
    case 'FaultInjected':
      return [
        e.action,
        e.cluster && e.workload ? `on ${e.cluster}` : '',
        e.taint ?? '',
        e.replicas === undefined ? '' : `replicas=${e.replicas}`,
      ]
        .filter(Boolean)
        .join(' ');
    case 'ClusterReadyChanged':
      return `Ready=${e.status} (${e.reason})`;
    case 'TaintAdded':
    case 'TaintRemoved':
      return e.taint;
    case 'EvictionStarted':
      return `from ${e.cluster} (${e.purgeMode}, ${e.reason})`;
    case 'EvictionCompleted':
      return `left ${e.cluster}${e.reason ? ` (${e.reason})` : ''}`;
    case 'Scheduled':
      return placement(e.placement);
    case 'Unschedulable':
      return e.message;
    case 'WorkloadReady':
      return `${e.ready} ready`;
    case 'EvictionsPaused':
    case 'EvictionsResumed':
      return e.message;
    case 'FailbackStarted':
      return `returning to ${placement(e.placement)}`;
    case 'FailbackCompleted':
      return `back on ${placement(e.placement)}`;
  }
}

/** Rows as left-aligned columns, two spaces apart, indented by two. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}

function countLine(run: readonly TimelineEntry[], typeWidth: number): string {
  const first = run[0] as TimelineEntry;
  const subjects = new Set(run.map(subject));
  const kind = run.some((r) => 'workload' in r && r.workload) ? 'workloads' : 'clusters';
  return `  ${clockTime(first.t).padStart(8)}  ${first.type.padEnd(typeWidth)}  ×${run.length} (${subjects.size} ${kind})`;
}

function timelineLines(
  timeline: readonly TimelineEntry[],
  groupAbove: number,
  summarizeAbove: number,
): string[] {
  const lines: string[] = [];
  const typeWidth = Math.max(0, ...timeline.map((e) => e.type.length));
  for (let i = 0; i < timeline.length;) {
    const e = timeline[i] as TimelineEntry;
    let end = i;
    while (end < timeline.length && timeline[end]?.t === e.t) end++;
    const instant = timeline.slice(i, end);
    if (instant.length > summarizeAbove) {
      // A busy instant (a fleet joining, a region failing) reads better as counts per type.
      const byType = new Map<string, TimelineEntry[]>();
      for (const entry of instant)
        byType.set(entry.type, [...(byType.get(entry.type) ?? []), entry]);
      for (const run of byType.values())
        lines.push(
          run.length === 1
            ? entryLine(run[0] as TimelineEntry, typeWidth)
            : countLine(run, typeWidth),
        );
      i = end;
      continue;
    }
    for (let k = 0; k < instant.length;) {
      const type = instant[k]?.type;
      let j = k;
      while (j < instant.length && instant[j]?.type === type) j++;
      const run = instant.slice(k, j);
      if (run.length > groupAbove) lines.push(countLine(run, typeWidth));
      else for (const r of run) lines.push(entryLine(r, typeWidth));
      k = j;
    }
    i = end;
  }
  return lines;
}

/** A very long timeline (a region failing) as counts per type for each minute with entries. */
function perMinuteLines(timeline: readonly TimelineEntry[]): string[] {
  const lines = [`  (${timeline.length} entries, counted per minute; --json has each one)`];
  const typeWidth = Math.max(0, ...timeline.map((e) => e.type.length));
  const minutes = new Map<number, Map<string, TimelineEntry[]>>();
  for (const entry of timeline) {
    const minute = Math.floor(entry.t / 60);
    const byType = minutes.get(minute) ?? new Map<string, TimelineEntry[]>();
    minutes.set(minute, byType);
    byType.set(entry.type, [...(byType.get(entry.type) ?? []), entry]);
  }
  for (const [minute, byType] of minutes) {
    const from = clockTime(minute * 60);
    for (const run of byType.values()) {
      const subjects = new Set(run.map(subject));
      const kind = run.some((r) => 'workload' in r && r.workload) ? 'workloads' : 'clusters';
      const what =
        run.length === 1
          ? `${subject(run[0] as TimelineEntry)}  ${detail(run[0] as TimelineEntry)}`
          : `×${run.length} (${subjects.size} ${kind})`;
      lines.push(
        `  ${from.padStart(8)}+ ${(run[0] as TimelineEntry).type.padEnd(typeWidth)}  ${what}`.trimEnd(),
      );
    }
  }
  return lines;
}

function entryLine(e: TimelineEntry, typeWidth: number): string {
  return `  ${clockTime(e.t).padStart(8)}  ${e.type.padEnd(typeWidth)}  ${subject(e)}  ${detail(e)}`.trimEnd();
}

function workloadRows(
  workloads: Readonly<Record<string, WorkloadReport>>,
  maxRows: number,
): string[] {
  const all = Object.entries(workloads);
  const shown =
    all.length <= maxRows
      ? all
      : [...all]
          .sort(
            ([a, x], [b, y]) =>
              y.secondsShortOfReplicas - x.secondsShortOfReplicas || (a < b ? -1 : 1),
          )
          .slice(0, 20);
  const rows = [
    [
      'WORKLOAD',
      'DESIRED',
      'PLACEMENT',
      'READY',
      'MIN READY',
      'SHORT OF REPLICAS',
      'UNSCHEDULABLE',
    ],
  ];
  for (const [name, w] of shown) {
    rows.push([
      name,
      String(w.desired),
      placement(w.placement),
      String(w.readyReplicas),
      w.minReadyReplicas === null ? '-' : String(w.minReadyReplicas),
      span(w.secondsShortOfReplicas),
      w.unschedulable ? 'yes' : 'no',
    ]);
  }
  const lines = table(rows);
  if (shown.length < all.length) {
    const short = all.filter(([, w]) => w.secondsShortOfReplicas > 0).length;
    const unschedulable = all.filter(([, w]) => w.unschedulable).length;
    const fullyReady = all.filter(([, w]) => w.readyReplicas >= w.desired).length;
    lines.push(
      `  ... ${all.length - shown.length} more (the ${shown.length} longest short of replicas are shown; --json has all)`,
    );
    lines.push(
      `  ${all.length} workloads: ${fullyReady} with every replica ready at the end, ${short} short of replicas at some point, ${unschedulable} unschedulable`,
    );
  }
  return lines;
}

function clusterRows(clusters: Readonly<Record<string, ClusterReport>>): string[] {
  const rows = [['CLUSTER', 'READY', 'DETECTION', 'TAINTS']];
  for (const [name, c] of Object.entries(clusters)) {
    const detection = c.detections
      .map((d) =>
        d.detectionSeconds === undefined
          ? `${d.action} at ${clockTime(d.at)}: not detected`
          : `${span(d.detectionSeconds)} after ${d.action} at ${clockTime(d.at)}`,
      )
      .join('; ');
    rows.push([name, c.ready, detection || '-', c.taints.join(', ') || '-']);
  }
  return table(rows);
}

/**
 * The report as people read it: the summary, the timeline, then a table per workload (desired, final
 * placement, ready, min ready, time short of replicas) and per cluster (Ready, detection time,
 * taints). Deterministic, like the JSON report.
 * @public
 */
export function renderReport(report: SimulationReport, options: RenderOptions = {}): string {
  const lines = [
    `Scenario ${report.scenario} (${report.flavor}, seed ${report.seed}): ${span(report.duration)} of virtual time`,
    '',
    'Summary',
    ...summaryLines(report.summary),
    '',
    'Timeline',
    ...(report.timeline.length > (options.perMinuteAbove ?? 400)
      ? perMinuteLines(report.timeline)
      : timelineLines(report.timeline, options.groupAbove ?? 6, options.summarizeAbove ?? 40)),
    '',
    'Workloads',
    ...workloadRows(report.workloads, options.maxWorkloadRows ?? 50),
    '',
    'Clusters',
    ...clusterRows(report.clusters),
  ];
  return `${lines.join('\n')}\n`;
}
