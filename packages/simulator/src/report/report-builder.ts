import {
  READY_CONDITION,
  SCHEDULED_CONDITION,
  findCondition,
  formatTaint,
  objectKey,
  type Binding,
  type Clock,
  type Cluster,
  type ConditionStatus,
  type StateStore,
  type Unsubscribe,
  type LifeboatEvent,
} from '@lifeboat/core';
import type { InjectedFault } from '../fleet/fault-injector';
import type { VirtualFleet } from '../fleet/virtual-fleet';
import type {
  ClusterReport,
  Detection,
  PlacementMap,
  SimulationReport,
  TimelineEntry,
  WorkloadReport,
  WorkloadSample,
} from './simulation-report';
import { seconds } from './seconds';
import { summarizeRun } from './run-summary';

interface ClusterTrack {
  ready?: { status: ConditionStatus; reason: string; from: number };
  readyHistory: ClusterReport['readyHistory'][number][];
  openTaints: Map<string, number>;
  taintHistory: ClusterReport['taintHistory'][number][];
  faults: { action: 'fail' | 'degrade'; at: number; detectedAt?: number }[];
}

interface BindingTrack {
  tasks: Map<string, string>;
  placement: string;
  lastScheduledTime?: number;
  unschedulable: boolean;
  desired: number;
}

/** Sorts object keys so the JSON text does not depend on insertion order. */
function sortedRecord<V>(entries: Iterable<[string, V]>): Record<string, V> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function placementOf(binding: Binding): PlacementMap {
  return sortedRecord(
    (binding.spec.clusters ?? [])
      .filter((c) => c.replicas > 0)
      .map((c) => [c.name, c.replicas] as [string, number]),
  );
}

/**
 * Watches a simulation (the store's clusters and bindings, the fleet's replicas, the injected
 * faults) and builds the {@link SimulationReport}. Entries are stamped with the virtual time at
 * which the change was committed; replica counts are sampled at the end of each instant, so
 * steps that happen within one instant (old replicas removed as new ones become ready) are not
 * counted as drops.
 * @public
 */
export class ReportBuilder {
  private readonly timeline: TimelineEntry[] = [];
  private readonly clusters = new Map<string, ClusterTrack>();
  private readonly bindings = new Map<string, BindingTrack>();
  private readonly samples = new Map<string, WorkloadSample[]>();
  private readonly dirty = new Set<string>();
  private flushPending = false;
  private readonly unsubscribes: Unsubscribe[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly fleet: VirtualFleet,
    private readonly start: number,
  ) {}

  /** Starts watching; call before any object is created. */
  attach(store: StateStore): void {
    this.unsubscribes.push(
      store.watch('Cluster', (e) => e.type !== 'DELETED' && this.observeCluster(e.object)),
    );
    this.unsubscribes.push(
      store.watch('Binding', (e) => e.type !== 'DELETED' && this.observeBinding(e.object)),
    );
    this.fleet.onReplicasChanged((workload) => this.markDirty(workload));
  }

  /** Records a fault as the injector applies it. */
  fault(fault: InjectedFault): void {
    this.push({ t: this.t(), type: 'FaultInjected', ...fault });
    if ((fault.action === 'fail' || fault.action === 'degrade') && fault.cluster) {
      this.cluster(fault.cluster).faults.push({ action: fault.action, at: this.t() });
    }
  }

  /** Stops watching and builds the report from what was seen and the final store state. */
  async finish(
    store: StateStore,
    meta: { scenario: string; flavor: string; seed: number; duration: number },
    events: readonly LifeboatEvent[] = [],
  ): Promise<SimulationReport> {
    this.flush();
    this.addCompletionReasons(events);
    this.addGuardAndFailbackEvents(events);
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    const end = this.t();
    const clusters = sortedRecord(
      (await store.list('Cluster')).items.map(
        (c) => [c.metadata.name, this.clusterReport(c, end)] as [string, ClusterReport],
      ),
    );
    const workloads = sortedRecord(
      (await store.list('Binding')).items.map(
        (b) => [objectKey(b.metadata), this.workloadReport(b, end)] as [string, WorkloadReport],
      ),
    );
    // Stable sort: entries at the same t keep the order in which they were committed.
    const timeline = this.timeline
      .map((e, i) => [e, i] as const)
      .sort(([a, i], [b, j]) => a.t - b.t || i - j)
      .map(([e]) => e);
    const body = { timeline, clusters, workloads };
    return {
      scenario: meta.scenario,
      flavor: meta.flavor,
      seed: meta.seed,
      duration: meta.duration,
      summary: summarizeRun({ ...meta, ...body }),
      ...body,
    };
  }

  /** The eviction guard and failback leave no trace in the store but their events. */
  private addGuardAndFailbackEvents(events: readonly LifeboatEvent[]): void {
    for (const e of events) {
      const t = (e.time - this.start) / 1000;
      if (e.reason === 'EvictionsPaused' || e.reason === 'EvictionsResumed') {
        const region = e.details?.region;
        this.push({
          t,
          type: e.reason,
          scope: e.details?.scope === 'Region' ? 'Region' : 'Fleet',
          ...(typeof region === 'string' ? { region } : {}),
          notReady: Number(e.details?.notReady ?? 0),
          clusters: Number(e.details?.clusters ?? 0),
          message: e.message,
        });
      } else if (e.reason === 'FailbackStarted' || e.reason === 'FailbackCompleted') {
        const pairs = String(e.details?.placement ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => pair.split(':'))
          .map(([cluster, n]) => [cluster ?? '', Number(n)] as [string, number]);
        this.push({ t, type: e.reason, workload: e.key, placement: sortedRecord(pairs) });
      }
    }
  }

  /** The eviction controller says why a task ended only in its event (`left member1 (NewPlacementHealthy)`). */
  private addCompletionReasons(events: readonly LifeboatEvent[]): void {
    const reasons = new Map<string, string>();
    for (const e of events) {
      const match =
        e.reason === 'EvictionCompleted' ? /^left (\S+) \((.+)\)$/.exec(e.message) : null;
      if (match)
        reasons.set(`${(e.time - this.start) / 1000}|${e.key}|${match[1]}`, match[2] as string);
    }
    this.timeline.forEach((entry, i) => {
      if (entry.type !== 'EvictionCompleted') return;
      const reason = reasons.get(`${entry.t}|${entry.workload}|${entry.cluster}`);
      if (reason) this.timeline[i] = { ...entry, reason };
    });
  }

  private t(): number {
    return (this.clock.now() - this.start) / 1000;
  }

  private push(entry: TimelineEntry): void {
    this.timeline.push(entry);
  }

  private cluster(name: string): ClusterTrack {
    let track = this.clusters.get(name);
    if (!track) {
      track = { readyHistory: [], openTaints: new Map(), taintHistory: [], faults: [] };
      this.clusters.set(name, track);
    }
    return track;
  }

  private observeCluster(cluster: Cluster): void {
    const name = cluster.metadata.name;
    const track = this.cluster(name);
    const now = this.t();
    const ready = findCondition(cluster.status?.conditions, READY_CONDITION);
    if (ready && (ready.status !== track.ready?.status || ready.reason !== track.ready.reason)) {
      if (track.ready)
        track.readyHistory.push({
          from: track.ready.from,
          to: now,
          status: track.ready.status,
          reason: track.ready.reason,
        });
      track.ready = { status: ready.status, reason: ready.reason, from: now };
      this.push({
        t: now,
        type: 'ClusterReadyChanged',
        cluster: name,
        status: ready.status,
        reason: ready.reason,
      });
      if (ready.status !== 'True') for (const fault of track.faults) fault.detectedAt ??= now;
    }
    const taints = new Set((cluster.spec.taints ?? []).map(formatTaint));
    for (const [taint, from] of [...track.openTaints]) {
      if (taints.has(taint)) continue;
      track.openTaints.delete(taint);
      track.taintHistory.push({ taint, from, to: now });
      this.push({ t: now, type: 'TaintRemoved', cluster: name, taint });
    }
    for (const taint of taints) {
      if (track.openTaints.has(taint)) continue;
      track.openTaints.set(taint, now);
      this.push({ t: now, type: 'TaintAdded', cluster: name, taint });
    }
  }

  private observeBinding(binding: Binding): void {
    const key = objectKey(binding.metadata);
    const now = this.t();
    const track = this.bindings.get(key) ?? {
      tasks: new Map<string, string>(),
      placement: '{}',
      unschedulable: false,
      desired: binding.spec.replicas,
    };
    this.bindings.set(key, track);
    if (track.desired !== binding.spec.replicas) {
      track.desired = binding.spec.replicas;
      this.markDirty(key);
    }
    const tasks = new Map(
      (binding.spec.evictionTasks ?? []).map((t) => [t.fromCluster, t] as const),
    );
    for (const cluster of [...track.tasks.keys()]) {
      if (tasks.has(cluster)) continue;
      track.tasks.delete(cluster);
      this.push({ t: now, type: 'EvictionCompleted', workload: key, cluster });
    }
    for (const [cluster, task] of tasks) {
      if (track.tasks.has(cluster)) continue;
      track.tasks.set(cluster, task.purgeMode);
      this.push({
        t: now,
        type: 'EvictionStarted',
        workload: key,
        cluster,
        purgeMode: task.purgeMode,
        reason: task.reason,
      });
    }
    // Only the scheduler's (and failback's) placements count: the eviction controller also edits
    // spec.clusters. A new lastScheduledTime marks a placement write, but the scheduler can write
    // twice in one instant (a Duplicated binding re-placed as its cluster turns NotReady, then
    // again once the eviction took the cluster out); a placement the scheduler has observed
    // (schedulerObservedGeneration = generation) is its own as well.
    const scheduledAt = binding.status?.lastScheduledTime;
    const observed =
      binding.status?.schedulerObservedGeneration !== undefined &&
      binding.status.schedulerObservedGeneration === binding.metadata.generation;
    if (scheduledAt !== undefined && (observed || scheduledAt !== track.lastScheduledTime)) {
      track.lastScheduledTime = scheduledAt;
      const placement = placementOf(binding);
      const text = JSON.stringify(placement);
      if (text !== track.placement) {
        track.placement = text;
        this.push({ t: now, type: 'Scheduled', workload: key, placement });
      }
    }
    const scheduled = findCondition(binding.status?.conditions, SCHEDULED_CONDITION);
    const unschedulable = scheduled?.status === 'False';
    if (unschedulable && !track.unschedulable)
      this.push({ t: now, type: 'Unschedulable', workload: key, message: scheduled.message });
    track.unschedulable = unschedulable;
  }

  private markDirty(workload: string): void {
    this.dirty.add(workload);
    if (this.flushPending) return;
    this.flushPending = true;
    // A zero-delay virtual timer runs after everything already due at this instant.
    this.clock.setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    this.flushPending = false;
    const now = this.t();
    for (const workload of [...this.dirty].sort()) {
      const desired = this.bindings.get(workload)?.desired ?? 0;
      const { running, ready: readyByCluster } = this.fleet.replicas(workload);
      const ready = this.fleet.readyReplicas(workload);
      const series = this.samples.get(workload) ?? [];
      this.samples.set(workload, series);
      const last = series[series.length - 1];
      const sample: WorkloadSample = { t: now, desired, ready, replicas: running, readyByCluster };
      if (last && JSON.stringify({ ...last, t: now }) === JSON.stringify(sample)) continue;
      if (last?.t === now) series.pop();
      const before = series[series.length - 1];
      series.push(sample);
      if (
        desired > 0 &&
        ready >= desired &&
        (!before || before.ready < before.desired || before.desired === 0)
      ) {
        this.push({ t: now, type: 'WorkloadReady', workload, ready });
      }
    }
    this.dirty.clear();
  }

  private clusterReport(cluster: Cluster, end: number): ClusterReport {
    const track = this.cluster(cluster.metadata.name);
    const readyHistory = [
      ...track.readyHistory,
      ...(track.ready
        ? [
            {
              from: track.ready.from,
              to: end,
              status: track.ready.status,
              reason: track.ready.reason,
            },
          ]
        : []),
    ];
    const taintHistory = [
      ...track.taintHistory,
      ...[...track.openTaints].map(([taint, from]) => ({ taint, from, to: end })),
    ].sort((a, b) => a.from - b.from || (a.taint < b.taint ? -1 : 1));
    const detections: Detection[] = track.faults.map((f) =>
      f.detectedAt === undefined
        ? { action: f.action, at: f.at }
        : {
            action: f.action,
            at: f.at,
            detectedAt: f.detectedAt,
            detectionSeconds: seconds(f.detectedAt - f.at),
          },
    );
    return {
      ...(cluster.spec.region === undefined ? {} : { region: cluster.spec.region }),
      ready: findCondition(cluster.status?.conditions, READY_CONDITION)?.status ?? 'Unknown',
      taints: (cluster.spec.taints ?? []).map(formatTaint).sort(),
      detections,
      readyHistory,
      taintHistory,
    };
  }

  private workloadReport(binding: Binding, end: number): WorkloadReport {
    const key = objectKey(binding.metadata);
    const series = this.samples.get(key) ?? [];
    const firstFull = series.findIndex((s) => s.desired > 0 && s.ready >= s.desired);
    let minReady: number | null = null;
    let short = 0;
    let replicaSecondsShort = 0;
    if (firstFull >= 0) {
      for (let i = firstFull; i < series.length; i++) {
        const s = series[i] as WorkloadSample;
        minReady = Math.min(minReady ?? s.ready, s.ready);
        if (s.ready >= s.desired) continue;
        const lasted = (series[i + 1]?.t ?? end) - s.t;
        short += lasted;
        replicaSecondsShort += (s.desired - s.ready) * lasted;
      }
    }
    const scheduled = findCondition(binding.status?.conditions, SCHEDULED_CONDITION);
    return {
      desired: binding.spec.replicas,
      placement: placementOf(binding),
      readyReplicas: this.fleet.readyReplicas(key),
      minReadyReplicas: minReady,
      unschedulable: scheduled?.status === 'False',
      firstReadyAt: firstFull >= 0 ? (series[firstFull] as WorkloadSample).t : null,
      secondsShortOfReplicas: seconds(short),
      replicaSecondsShort: seconds(replicaSecondsShort),
      series,
    };
  }
}
