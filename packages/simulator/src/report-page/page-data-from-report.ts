import type { SimulationReport, TimelineEntry } from '../report/simulation-report';
import type { ReportPageData, WorkloadCurves } from './page-data';

/** More charts than this make the page slow to open; the most disturbed workloads are kept. */
export const MAX_CHARTED_WORKLOADS = 40;

function faultLabel(entry: Extract<TimelineEntry, { type: 'FaultInjected' }>): string {
  return [entry.action, entry.cluster ?? entry.workload].filter(Boolean).join(' ');
}

/**
 * The page's view of a run: fault markers, per-workload curves (ready replicas and replicas per
 * cluster as steps, extended to the end of the run) and per-cluster Ready and taint bands. Keeps
 * at most `maxWorkloads` charts, preferring the workloads that were short of replicas longest.
 * @public
 */
export function pageDataFromReport(
  report: SimulationReport,
  maxWorkloads = MAX_CHARTED_WORKLOADS,
): ReportPageData {
  const faults = report.timeline.flatMap((e) =>
    e.type === 'FaultInjected' ? [{ t: e.t, label: faultLabel(e) }] : [],
  );
  const names = Object.keys(report.workloads).sort((a, b) => {
    const short =
      (report.workloads[b]?.secondsShortOfReplicas ?? 0) -
      (report.workloads[a]?.secondsShortOfReplicas ?? 0);
    return short !== 0 ? short : a < b ? -1 : a > b ? 1 : 0;
  });
  const charted = names.slice(0, maxWorkloads);
  const workloads: WorkloadCurves[] = charted.map((name) => {
    const w = report.workloads[name] as SimulationReport['workloads'][string];
    const series = [...w.series];
    const last = series[series.length - 1];
    if (last && last.t < report.duration) series.push({ ...last, t: report.duration });
    const clusters = [...new Set(series.flatMap((s) => Object.keys(s.replicas)))].sort();
    return {
      name,
      desired: w.desired,
      ready: series.map((s) => [s.t, s.ready] as const),
      replicas: Object.fromEntries(
        clusters.map((c) => [c, series.map((s) => [s.t, s.replicas[c] ?? 0] as const)]),
      ),
    };
  });
  const clusters = Object.entries(report.clusters)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, c]) => ({
      name,
      ready: c.readyHistory.map((h) => ({ from: h.from, to: h.to, label: h.status })),
      taints: c.taintHistory.map((h) => ({ from: h.from, to: h.to, label: h.taint })),
    }));
  return {
    title: report.scenario,
    flavor: report.flavor,
    seed: report.seed,
    duration: report.duration,
    faults,
    workloads: [...workloads].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    omittedWorkloads: names.length - charted.length,
    clusters,
  };
}
