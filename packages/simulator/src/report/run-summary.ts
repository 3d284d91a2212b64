import type { ScenarioAction } from '../scenario/scenario-schema';
import type {
  ClusterReport,
  DetectionSummary,
  EvictionSummary,
  FaultGroupSummary,
  RunSummary,
  SimulationReport,
  TimelineEntry,
  WorkloadsSummary,
} from './simulation-report';
import { seconds } from './seconds';

type FaultEntry = Extract<TimelineEntry, { type: 'FaultInjected' }>;

/** An eviction from its start to its completion (`completedAt` absent if it never completed). */
interface Eviction {
  readonly workload: string;
  readonly cluster: string;
  readonly startedAt: number;
  readonly completedAt?: number;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Actions whose clusters the flavour evicts from. */
const EVICTING: ReadonlySet<ScenarioAction> = new Set(['fail', 'degrade', 'cordon', 'unhealthy']);

const PAST: Readonly<Record<ScenarioAction, string>> = {
  fail: 'failed',
  recover: 'recovered',
  degrade: 'degraded',
  cordon: 'cordoned',
  uncordon: 'uncordoned',
  scale: 'scaled',
  unhealthy: 'unhealthy',
};

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : seconds(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}

/** Pairs each EvictionStarted with the next EvictionCompleted of the same workload and cluster. */
function evictionsOf(timeline: readonly TimelineEntry[]): Eviction[] {
  const open = new Map<string, { workload: string; cluster: string; startedAt: number }>();
  const done: Eviction[] = [];
  for (const e of timeline) {
    if (e.type !== 'EvictionStarted' && e.type !== 'EvictionCompleted') continue;
    const key = `${e.workload}\u0000${e.cluster}`;
    if (e.type === 'EvictionStarted') {
      open.set(key, { workload: e.workload, cluster: e.cluster, startedAt: e.t });
    } else {
      const started = open.get(key);
      if (!started) continue;
      open.delete(key);
      done.push({ ...started, completedAt: e.t });
    }
  }
  return [...done, ...open.values()].sort((a, b) => a.startedAt - b.startedAt);
}

function evictionSummary(evictions: readonly Eviction[]): EvictionSummary {
  const starts = evictions.map((e) => e.startedAt);
  const completions = evictions.flatMap((e) =>
    e.completedAt === undefined ? [] : [e.completedAt],
  );
  const first = starts.length ? Math.min(...starts) : null;
  const last = starts.length ? Math.max(...starts) : null;
  return {
    started: evictions.length,
    completed: completions.length,
    firstStartedAt: first,
    lastStartedAt: last,
    startSpreadSeconds: first === null || last === null ? 0 : seconds(last - first),
    lastCompletedAt: completions.length ? Math.max(...completions) : null,
  };
}

function detectionSummary(
  action: 'fail' | 'degrade',
  at: number,
  clusters: readonly string[],
  reports: Readonly<Record<string, ClusterReport>>,
): DetectionSummary {
  const times = clusters
    .map(
      (c) =>
        reports[c]?.detections.find((d) => d.action === action && d.at === at)?.detectionSeconds,
    )
    .filter((s): s is number => s !== undefined)
    .sort((a, b) => a - b);
  return {
    detected: times.length,
    undetected: clusters.length - times.length,
    minSeconds: times[0] ?? null,
    medianSeconds: median(times),
    maxSeconds: times[times.length - 1] ?? null,
  };
}

/** `us-east-01`, `all 25 clusters of us-east`, `30 clusters (25 of us-east, 5 of us-west)`. */
function clustersPhrase(
  clusters: readonly string[],
  reports: Readonly<Record<string, ClusterReport>>,
): string {
  if (clusters.length === 1) return clusters[0] as string;
  const perRegion = new Map<string, number>();
  for (const c of clusters) {
    const region = reports[c]?.region;
    if (region === undefined) return `${clusters.length} clusters`;
    perRegion.set(region, (perRegion.get(region) ?? 0) + 1);
  }
  const regions = [...perRegion].sort(([a], [b]) => byName(a, b));
  if (regions.length === 1) {
    const [region] = regions[0] as [string, number];
    const inRegion = Object.values(reports).filter((r) => r.region === region).length;
    return `${inRegion === clusters.length ? 'all ' : ''}${clusters.length} clusters of ${region}`;
  }
  return `${clusters.length} clusters (${regions.map(([r, n]) => `${n} of ${r}`).join(', ')})`;
}

function faultLabel(
  action: ScenarioAction,
  entries: readonly FaultEntry[],
  clusters: readonly string[],
  workloads: readonly string[],
  reports: Readonly<Record<string, ClusterReport>>,
): string {
  const workloadsPhrase =
    workloads.length === 1 ? (workloads[0] as string) : `${workloads.length} workloads`;
  if (action === 'scale') {
    const sizes = new Set(entries.map((e) => e.replicas));
    const [size] = sizes;
    return `${workloadsPhrase} scaled${sizes.size === 1 && size !== undefined ? ` to ${size} replicas` : ''}`;
  }
  if (action === 'unhealthy')
    return `${workloadsPhrase} unhealthy on ${clustersPhrase(clusters, reports)}`;
  return `${clustersPhrase(clusters, reports)} ${PAST[action]}`;
}

/** Groups the injected events by instant and action, in time order. */
function faultGroups(
  report: Omit<SimulationReport, 'summary'>,
  evictions: readonly Eviction[],
): FaultGroupSummary[] {
  const groups = new Map<string, FaultEntry[]>();
  for (const e of report.timeline) {
    if (e.type !== 'FaultInjected') continue;
    const key = `${e.t}\u0000${e.action}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const shells = [...groups.values()].map((entries) => {
    const { t: at, action } = entries[0] as FaultEntry;
    const names = (pick: (e: FaultEntry) => string | undefined) =>
      [...new Set(entries.flatMap((e) => pick(e) ?? []))].sort(byName);
    return {
      at,
      action,
      entries,
      clusters: names((e) => e.cluster),
      workloads: names((e) => e.workload),
    };
  });
  // Each eviction belongs to the latest evicting group at or before it that names its cluster.
  const attributed = new Map<number, Eviction[]>();
  for (const eviction of evictions) {
    let owner = -1;
    shells.forEach((g, i) => {
      if (
        EVICTING.has(g.action) &&
        g.at <= eviction.startedAt &&
        g.clusters.includes(eviction.cluster) &&
        (g.action !== 'unhealthy' || g.workloads.includes(eviction.workload))
      )
        owner = i;
    });
    if (owner >= 0) attributed.set(owner, [...(attributed.get(owner) ?? []), eviction]);
  }
  return shells.map((g, i) => ({
    at: g.at,
    action: g.action,
    label: faultLabel(g.action, g.entries, g.clusters, g.workloads, report.clusters),
    clusters: g.clusters,
    workloads: g.workloads,
    ...(g.action === 'fail' || g.action === 'degrade'
      ? { detection: detectionSummary(g.action, g.at, g.clusters, report.clusters) }
      : {}),
    ...(EVICTING.has(g.action) ? { evictions: evictionSummary(attributed.get(i) ?? []) } : {}),
  }));
}

function workloadsSummary(
  report: Omit<SimulationReport, 'summary'>,
  firstFaultAt: number | null,
): WorkloadsSummary {
  const workloads = Object.values(report.workloads);
  const everUnschedulable = new Set(
    report.timeline.flatMap((e) => (e.type === 'Unschedulable' ? [e.workload] : [])),
  );
  let wholeAgainAt: number | null = null;
  let shortAtEnd = 0;
  for (const w of workloads) {
    const last = w.series[w.series.length - 1];
    if (!last || last.ready < last.desired) {
      shortAtEnd++;
      continue;
    }
    if (w.secondsShortOfReplicas === 0 || w.firstReadyAt === null) continue;
    // The end of its last shortfall: the sample after the last short one.
    const lastShort = w.series.findLastIndex(
      (s) => s.t >= (w.firstReadyAt as number) && s.ready < s.desired,
    );
    const endedAt = w.series[lastShort + 1]?.t;
    if (endedAt !== undefined) wholeAgainAt = Math.max(wholeAgainAt ?? endedAt, endedAt);
  }
  const disrupted = workloads.filter((w) => w.secondsShortOfReplicas > 0).length;
  const whole = shortAtEnd === 0 && disrupted > 0 ? wholeAgainAt : null;
  return {
    total: workloads.length,
    disrupted,
    unschedulable: everUnschedulable.size,
    unschedulableAtEnd: workloads.filter((w) => w.unschedulable).length,
    shortAtEnd,
    replicaSecondsShort: seconds(workloads.reduce((sum, w) => sum + w.replicaSecondsShort, 0)),
    wholeAgainAt: whole,
    secondsUntilWhole:
      whole === null || firstFaultAt === null ? null : seconds(whole - firstFaultAt),
  };
}

/**
 * Whether a cluster is worth a look: its Ready state or a taint changed after the start-up
 * instant (t = 0, when clusters join and the flavour's start-up taints come and go), an event
 * named it, or it was not Ready and untainted for the whole run.
 * @public
 */
export function clusterChangedAfterStartup(report: ClusterReport, namedByEvent: boolean): boolean {
  if (namedByEvent) return true;
  // A zero-length interval at t = 0 is start-up; anything that lasted or began later is not.
  if (report.readyHistory.some((h) => h.from > 0 || (h.to > 0 && h.status !== 'True'))) return true;
  return report.taintHistory.some((h) => h.to > 0);
}

/** Clusters an injected event named. @internal */
export function clustersNamedByEvents(timeline: readonly TimelineEntry[]): Set<string> {
  return new Set(
    timeline.flatMap((e) => (e.type === 'FaultInjected' && e.cluster ? [e.cluster] : [])),
  );
}

/**
 * The figures of {@link RunSummary}, computed from the rest of a report: faults grouped by instant
 * and action with detection times and the evictions they caused, evictions overall, how the
 * workloads fared and how many clusters changed.
 * @public
 */
export function summarizeRun(report: Omit<SimulationReport, 'summary'>): RunSummary {
  const evictions = evictionsOf(report.timeline);
  const faults = faultGroups(report, evictions);
  const named = clustersNamedByEvents(report.timeline);
  const clusters = Object.entries(report.clusters);
  return {
    faults,
    evictions: evictionSummary(evictions),
    workloads: workloadsSummary(report, faults[0]?.at ?? null),
    clusters: {
      total: clusters.length,
      readyAtEnd: clusters.filter(([, c]) => c.ready === 'True').length,
      changed: clusters.filter(([name, c]) => clusterChangedAfterStartup(c, named.has(name)))
        .length,
    },
  };
}
