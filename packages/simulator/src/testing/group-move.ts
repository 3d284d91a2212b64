import type { SimulationReport } from '../report/simulation-report';

/** How a group of workloads left a cluster, read from a run report. @public */
export interface GroupMove {
  /** Each workload's clusters at the end of the run. */
  readonly clusters: Readonly<Record<string, readonly string[]>>;
  /** When the last workload of the group first had all its replicas ready on `to` (s); null if never. */
  readonly readyAt: number | null;
  /** When each workload's eviction from `from` completed (s), by workload. */
  readonly leftAt: Readonly<Record<string, number | undefined>>;
}

/**
 * Reads, for `workloads` (`namespace/name`), where each ended, when the whole group was ready on
 * `to`, and when each one's old copy on `from` was removed (its `EvictionCompleted`).
 * @public
 */
export function groupMove(
  report: SimulationReport,
  workloads: readonly string[],
  from: string,
  to: string,
): GroupMove {
  const clusters: Record<string, readonly string[]> = {};
  const leftAt: Record<string, number | undefined> = {};
  let readyAt: number | null = 0;
  for (const key of workloads) {
    const workload = report.workloads[key];
    clusters[key] = Object.keys(workload?.placement ?? {}).sort();
    const sample = workload?.series.find((s) => (s.readyByCluster[to] ?? 0) >= s.desired);
    readyAt = sample && readyAt !== null ? Math.max(readyAt, sample.t) : null;
    leftAt[key] = report.timeline.find(
      (e) =>
        e.type === 'EvictionCompleted' &&
        'workload' in e &&
        e.workload === key &&
        'cluster' in e &&
        e.cluster === from,
    )?.t;
  }
  return { clusters, readyAt, leftAt };
}
