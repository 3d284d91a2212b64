import { clusterChangedAfterStartup, clustersNamedByEvents } from '../report/run-summary';
import type { ClusterReport, SimulationReport } from '../report/simulation-report';
import { clockTime } from '../report/time-format';
import { fleetCurves } from './fleet-curves';
import type { Band, ClusterBands, ReportPageData, WorkloadCurves, WorkloadRow } from './page-data';

/** More charts than this make the page slow to open; the most disrupted workloads are kept. @public */
export const MAX_CHARTED_WORKLOADS = 40;

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Drops what only lasted the start-up instant (t = 0): it is the fleet joining, not a change. */
const afterStartup = (bands: readonly Band[]): Band[] =>
  bands.filter((b) => b.to > 0 || b.from > 0);

function workloadCurves(name: string, report: SimulationReport): WorkloadCurves {
  const w = report.workloads[name] as SimulationReport['workloads'][string];
  const series = [...w.series];
  const last = series[series.length - 1];
  if (last && last.t < report.duration) series.push({ ...last, t: report.duration });
  const clusters = [...new Set(series.flatMap((s) => Object.keys(s.replicas)))].sort(byName);
  return {
    name,
    desired: w.desired,
    ready: series.map((s) => [s.t, s.ready] as const),
    replicas: Object.fromEntries(
      clusters.map((c) => [c, series.map((s) => [s.t, s.replicas[c] ?? 0] as const)]),
    ),
  };
}

/** The changed clusters' bands, clusters with identical bands in one group, by first change. */
function changedClusterBands(report: SimulationReport): {
  clusters: ClusterBands[];
  quiet: string[];
} {
  const named = clustersNamedByEvents(report.timeline);
  const groups = new Map<string, ClusterBands & { names: string[] }>();
  const quiet: string[] = [];
  for (const [name, c] of Object.entries(report.clusters).sort(([a], [b]) => byName(a, b))) {
    if (!clusterChangedAfterStartup(c, named.has(name))) {
      quiet.push(name);
      continue;
    }
    const bands = bandsOf(c);
    const key = JSON.stringify(bands);
    const group = groups.get(key);
    if (group) group.names.push(name);
    else groups.set(key, { names: [name], ...bands });
  }
  const firstChange = (g: ClusterBands) =>
    Math.min(...[...g.ready, ...g.taints].map((b) => b.from).filter((t) => t > 0), report.duration);
  const clusters = [...groups.values()].sort(
    (a, b) => firstChange(a) - firstChange(b) || byName(a.names[0] ?? '', b.names[0] ?? ''),
  );
  return { clusters, quiet };
}

function bandsOf(c: ClusterReport): Pick<ClusterBands, 'ready' | 'taints'> {
  return {
    ready: afterStartup(c.readyHistory.map((h) => ({ from: h.from, to: h.to, label: h.status }))),
    taints: afterStartup(c.taintHistory.map((h) => ({ from: h.from, to: h.to, label: h.taint }))),
  };
}

/**
 * The page's view of a run: the summary, one marker per fault group, the fleet-wide curves,
 * the bands of the clusters that changed after start-up (the quiet ones by name only), the
 * curves of the `maxWorkloads` most disrupted workloads (replica-seconds short) and a row per
 * workload for the searchable list.
 * @public
 */
export function pageDataFromReport(
  report: SimulationReport,
  maxWorkloads = MAX_CHARTED_WORKLOADS,
): ReportPageData {
  const rows: WorkloadRow[] = Object.entries(report.workloads)
    .map(([name, w]) => ({
      name,
      desired: w.desired,
      ready: w.readyReplicas,
      minReady: w.minReadyReplicas,
      secondsShort: w.secondsShortOfReplicas,
      replicaSecondsShort: w.replicaSecondsShort,
      unschedulable: w.unschedulable,
    }))
    .sort(
      (a, b) =>
        b.replicaSecondsShort - a.replicaSecondsShort ||
        Number(b.unschedulable) - Number(a.unschedulable) ||
        byName(a.name, b.name),
    );
  const { clusters, quiet } = changedClusterBands(report);
  return {
    title: report.scenario,
    flavor: report.flavor,
    seed: report.seed,
    duration: report.duration,
    summary: report.summary,
    faults: report.summary.faults.map((f, i) => ({
      t: f.at,
      label: `${i + 1} ${f.action}`,
      title: `${i + 1}. ${f.label} at ${clockTime(f.at)}`,
    })),
    fleet: fleetCurves(report),
    workloads: rows.slice(0, maxWorkloads).map((r) => workloadCurves(r.name, report)),
    workloadRows: rows,
    clusters,
    quietClusters: quiet,
  };
}
