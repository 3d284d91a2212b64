import {
  ConflictError,
  Quantity,
  addResources,
  desiredReplicasPerCluster,
  objectKey,
  scaleResources,
  type AggregatedStatusItem,
  type Binding,
  type Clock,
  type ResourceList,
  type StateStore,
  type TimerHandle,
} from '@lifeboat/core';
import { CorruptObjectError } from '@lifeboat/etcd';
import type { Logger } from 'pino';
import { STARTUP_SECONDS_ANNOTATION } from './annotations';

/** Replicas of one binding on this member. */
interface Replicas {
  running: number;
  ready: number;
  startupMs: number;
  request: ResourceList;
  timer?: TimerHandle;
}

/** What one member runs of one binding, as `/replicas` shows it. */
export interface ReplicaCount {
  readonly running: number;
  readonly ready: number;
}

/** Write attempts of one status report on conflicts before it backs off. */
const REPORT_ATTEMPTS = 8;
/** Waits between failed reports (etcd away): doubling up to the last, then that, until one lands. */
const REPORT_BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000];

/**
 * The replicas a member cluster runs, in-process: for every binding, as many as
 * `desiredReplicasPerCluster` gives this cluster (its target plus what a non-`Directly`
 * eviction task keeps), each ready `startupSeconds` after it was placed. Every change is
 * reported as this cluster's entry of the binding's `status.aggregatedStatus` (and only that
 * entry: the other members write theirs), which is what ends a graceful eviction on the
 * controller's side. A binding this member no longer runs loses its entry, so a stale "Healthy"
 * from before an outage cannot linger. A report that fails (etcd away) is retried with backoff
 * until it lands or a newer one replaces it.
 *
 * Replicas that only an eviction task keeps here (the binding moved away, old copies stay until
 * the new ones are ready) are kept while they run but never started: a member coming back after
 * it was declared dead must not restart copies that now run elsewhere.
 */
export class MemberWorkloads {
  private readonly replicas = new Map<string, Replicas>();
  /** One report in flight per binding, later ones chained, so reports never interleave. */
  private readonly reports = new Map<string, Promise<void>>();
  /** Bindings whose report failed and waits for a retry, with the failures so far. */
  private readonly retries = new Map<string, { failures: number; timer: TimerHandle }>();
  private stopped = false;

  constructor(
    private readonly cluster: string,
    private readonly store: StateStore,
    private readonly clock: Clock,
    private readonly defaultStartupSeconds: number,
    private readonly logger: Logger,
    /** Told when the resources requested by what runs here change. */
    private readonly onAllocatedChange: () => void,
  ) {}

  /** Converges on what `binding` wants here and reports when that differs from what is stored. */
  sync(binding: Binding): void {
    if (this.stopped) return;
    const key = objectKey(binding.metadata);
    const target = (binding.spec.clusters ?? [])
      .filter((t) => t.name === this.cluster)
      .reduce((sum, t) => sum + t.replicas, 0);
    const keep = desiredReplicasPerCluster(binding).get(this.cluster) ?? 0;
    const want = Math.max(target, Math.min(keep, this.replicas.get(key)?.running ?? 0));
    let current = this.replicas.get(key);
    if (!current && want > 0) {
      current = {
        running: 0,
        ready: 0,
        startupMs: this.startupMsOf(binding),
        request: binding.spec.replicaRequirements?.resourceRequest ?? {},
      };
      this.replicas.set(key, current);
    }
    if (current) {
      // The workload may have been re-applied with another request or start-up time.
      const request = binding.spec.replicaRequirements?.resourceRequest ?? {};
      const requestChanged = JSON.stringify(request) !== JSON.stringify(current.request);
      current.request = request;
      current.startupMs = this.startupMsOf(binding);
      if (requestChanged && current.running === want) this.onAllocatedChange();
    }
    if (current && current.running !== want) {
      this.logger.info(
        { binding: key, from: current.running, to: want },
        want > current.running ? 'starting replicas' : 'stopping replicas',
      );
      current.running = want;
      current.ready = Math.min(current.ready, want);
      this.startReplicas(key, current);
      if (want === 0) this.forget(key);
      this.onAllocatedChange();
    }
    if (!sameItem(this.itemFor(key), findItem(binding, this.cluster))) this.report(key);
  }

  /** The binding is gone: its replicas stop (there is nothing left to report on). */
  remove(key: string): void {
    if (!this.replicas.has(key)) return;
    this.logger.info({ binding: key }, 'binding deleted: stopping its replicas');
    this.forget(key);
    this.onAllocatedChange();
  }

  /** Stops every start-up timer and reports nothing more. */
  stop(): void {
    this.stopped = true;
    for (const r of this.replicas.values()) if (r.timer) this.clock.clearTimeout(r.timer);
    for (const retry of this.retries.values()) this.clock.clearTimeout(retry.timer);
    this.retries.clear();
  }

  /**
   * Reports every binding in `keys` again, now, whether or not this member thinks the stored
   * entry is current (level-triggered: after etcd comes back, whatever was lost is rewritten;
   * an entry already right costs one read).
   */
  reportAll(keys: Iterable<string>): void {
    for (const key of keys) this.report(key);
  }

  /** Waits for the reports in flight. */
  async settled(): Promise<void> {
    await Promise.all([...this.reports.values()]);
  }

  counts(): Record<string, ReplicaCount> {
    const out: Record<string, ReplicaCount> = {};
    for (const [key, r] of [...this.replicas].sort(([a], [b]) => (a < b ? -1 : 1)))
      out[key] = { running: r.running, ready: r.ready };
    return out;
  }

  /** Resources requested by every running replica, plus `pods`. */
  allocated(): ResourceList {
    let total: ResourceList = {};
    let pods = 0;
    for (const r of this.replicas.values()) {
      total = addResources(total, scaleResources(r.request, r.running));
      pods += r.running;
    }
    return pods > 0 ? { ...total, pods: Quantity.fromUnits(pods) } : total;
  }

  runningPods(): number {
    let pods = 0;
    for (const r of this.replicas.values()) pods += r.running;
    return pods;
  }

  private forget(key: string): void {
    const r = this.replicas.get(key);
    if (r?.timer) this.clock.clearTimeout(r.timer);
    this.replicas.delete(key);
  }

  private startupMsOf(binding: Binding): number {
    const annotated = Number(binding.metadata.annotations?.[STARTUP_SECONDS_ANNOTATION]);
    return (
      (Number.isFinite(annotated) && annotated >= 0 ? annotated : this.defaultStartupSeconds) * 1000
    );
  }

  private startReplicas(key: string, r: Replicas): void {
    if (r.timer) this.clock.clearTimeout(r.timer);
    r.timer = undefined;
    if (r.ready >= r.running) return;
    // In-process replicas: "starting" is the start-up delay, then all placed replicas are ready.
    r.timer = this.clock.setTimeout(() => {
      r.timer = undefined;
      r.ready = r.running;
      this.logger.info({ binding: key, ready: r.ready }, 'replicas ready');
      this.report(key);
    }, r.startupMs);
  }

  /** This cluster's entry as it should be stored now; undefined when nothing runs here. */
  private itemFor(key: string): Omit<AggregatedStatusItem, 'healthSince'> | undefined {
    const r = this.replicas.get(key);
    if (!r || r.running === 0) return undefined;
    return {
      clusterName: this.cluster,
      applied: true,
      health: r.ready >= r.running ? 'Healthy' : 'Unknown',
      readyReplicas: r.ready,
    };
  }

  private report(key: string): void {
    if (this.stopped) return;
    const pending = this.retries.get(key);
    if (pending) this.clock.clearTimeout(pending.timer);
    const previous = this.reports.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.writeReport(key))
      .then(
        () => {
          if (this.retries.get(key) === pending) this.retries.delete(key);
        },
        (error: unknown) => this.retryLater(key, (pending?.failures ?? 0) + 1, error),
      );
    this.reports.set(key, next);
    void next.finally(() => {
      if (this.reports.get(key) === next) this.reports.delete(key);
    });
  }

  /** Schedules the report of `key` again after a backoff; a newer report in between replaces it. */
  private retryLater(key: string, failures: number, error: unknown): void {
    if (this.stopped) return;
    if (error instanceof CorruptObjectError) {
      // Nothing to retry until someone repairs the binding; its watch event then syncs it.
      this.logger.warn({ binding: key, err: error }, 'not reporting on a corrupt binding');
      return;
    }
    const delay = REPORT_BACKOFF_MS[Math.min(failures, REPORT_BACKOFF_MS.length) - 1] as number;
    this.logger.warn(
      { binding: key, err: error, retryInMs: delay },
      'reporting workload health failed; retrying',
    );
    const timer = this.clock.setTimeout(() => {
      if (this.retries.get(key)?.timer !== timer) return;
      this.report(key);
    }, delay);
    this.retries.set(key, { failures, timer });
  }

  private async writeReport(key: string): Promise<void> {
    for (let attempt = 1; attempt <= REPORT_ATTEMPTS && !this.stopped; attempt++) {
      const binding = await this.store.get('Binding', key);
      if (!binding) return;
      const want = this.itemFor(key);
      const stored = findItem(binding, this.cluster);
      if (sameItem(want, stored)) return;
      const others = (binding.status?.aggregatedStatus ?? []).filter(
        (s) => s.clusterName !== this.cluster,
      );
      const mine: AggregatedStatusItem[] = want
        ? [
            {
              ...want,
              healthSince: stored?.health === want.health ? stored.healthSince : this.clock.now(),
            },
          ]
        : [];
      const aggregatedStatus = [...others, ...mine].sort((a, b) =>
        a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : 0,
      );
      try {
        await this.store.update('Binding', {
          ...binding,
          status: { ...binding.status, aggregatedStatus },
        });
        return;
      } catch (error) {
        // The controller or another member wrote in between: read again and redo only our entry.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
}

function findItem(binding: Binding, cluster: string): AggregatedStatusItem | undefined {
  return binding.status?.aggregatedStatus?.find((s) => s.clusterName === cluster);
}

function sameItem(
  a: Omit<AggregatedStatusItem, 'healthSince'> | undefined,
  b: AggregatedStatusItem | undefined,
): boolean {
  if (!a || !b) return a === b;
  return a.applied === b.applied && a.health === b.health && a.readyReplicas === b.readyReplicas;
}
