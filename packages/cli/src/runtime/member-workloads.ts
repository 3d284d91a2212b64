import {
  Quantity,
  addResources,
  desiredReplicasPerCluster,
  objectKey,
  scaleResources,
  type AggregatedStatusItem,
  type Binding,
  type Clock,
  type ResourceList,
  type TimerHandle,
} from '@lifeboat/core';
import { MEMBER_REPORTS_PER_WRITE, type MemberReport, type MemberReports } from '@lifeboat/etcd';
import type { Logger } from 'pino';
import { STARTUP_SECONDS_ANNOTATION } from './annotations';
import { takeOldest } from './take-oldest';

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

/** Waits between failed reports (etcd away): doubling up to the last, then that, until one lands. */
const REPORT_BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000];
/** Bindings named in the log line of a failed report write (the count is logged too). */
const LOGGED_KEYS = 10;

/**
 * The replicas a member cluster runs, in-process: for every binding, as many as
 * `desiredReplicasPerCluster` gives this cluster (its target plus what a non-`Directly`
 * eviction task keeps), each ready `startupSeconds` after it was placed. Every change is
 * reported in this cluster's own report key of the binding (`Report/<cluster>/<binding>`, see
 * `MemberReports`), never in the binding itself: the active controller copies the reports into
 * the binding's `status.aggregatedStatus`, which is what ends a graceful eviction, so a member
 * needs no write access to bindings. A binding this member no longer runs loses its report, so
 * a stale "Healthy" from before an outage cannot linger. Reports are written together: every
 * binding whose entry changed since the last write goes in the next one, one etcd transaction
 * for up to `MEMBER_REPORTS_PER_WRITE` of them, one write at a time, so a burst of changes
 * costs a few round trips, not two per binding. A write that fails (etcd away) is retried with
 * backoff, with whatever is current by then, until it lands.
 *
 * Replicas that only an eviction task keeps here (the binding moved away, old copies stay until
 * the new ones are ready) are kept while they run but never started: a member coming back after
 * it was declared dead must not restart copies that now run elsewhere.
 */
export class MemberWorkloads {
  private readonly replicas = new Map<string, Replicas>();
  /** Bindings whose entry may differ from what is stored: the next write checks them. */
  private readonly dirty = new Set<string>();
  /** The writes in progress (one at a time, each taking what is dirty then). */
  private writing?: Promise<void>;
  /** Set after a failed write: the next one waits for it. */
  private retry?: TimerHandle;
  private failures = 0;
  /** Read the stored reports again before the next write (etcd may have lost or kept anything). */
  private reread = false;
  /** What this member's report key of each binding holds, as last read or written. */
  private reported = new Map<string, AggregatedStatusItem>();
  private stopped = false;

  constructor(
    private readonly cluster: string,
    private readonly reports: MemberReports,
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
    if (!sameItem(this.itemFor(key), this.reported.get(key))) this.report(key);
  }

  /** The binding is gone: its replicas stop and its report goes. */
  remove(key: string): void {
    if (this.replicas.has(key)) {
      this.logger.info({ binding: key }, 'binding deleted: stopping its replicas');
      this.forget(key);
      this.onAllocatedChange();
    }
    if (this.reported.has(key)) this.report(key);
  }

  /** What this member's report keys hold at start (read before the bindings are watched). */
  seed(reports: readonly MemberReport[]): void {
    for (const r of reports) if (r.cluster === this.cluster) this.reported.set(r.binding, r.status);
  }

  /** The keys of every binding this member has a report on. */
  reportedKeys(): string[] {
    return [...this.reported.keys()];
  }

  /** Stops every start-up timer and reports nothing more. */
  stop(): void {
    this.stopped = true;
    for (const r of this.replicas.values()) if (r.timer) this.clock.clearTimeout(r.timer);
    if (this.retry) this.clock.clearTimeout(this.retry);
    this.retry = undefined;
  }

  /**
   * Reports every binding in `keys` again, now, whether or not this member thinks the stored
   * entry is current (level-triggered: after etcd comes back, the stored reports are read again,
   * one range, and whatever was lost is rewritten; an entry already right costs nothing more).
   */
  reportAll(keys: Iterable<string>): void {
    this.reread = true;
    for (const key of keys) this.dirty.add(key);
    if (this.retry) this.clock.clearTimeout(this.retry);
    this.retry = undefined;
    this.scheduleWrite();
  }

  /** Waits for the writes in progress. */
  async settled(): Promise<void> {
    await this.writing;
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
    this.dirty.add(key);
    this.scheduleWrite();
  }

  private scheduleWrite(): void {
    if (this.stopped || this.writing || this.retry || this.dirty.size === 0) return;
    this.writing = this.writeDirty().finally(() => {
      this.writing = undefined;
      // Changes made during the last write wait for no one.
      this.scheduleWrite();
    });
  }

  /** Writes what is dirty, a transaction at a time, until nothing is or a write fails. */
  private async writeDirty(): Promise<void> {
    while (this.dirty.size > 0 && !this.stopped) {
      const keys = takeOldest(this.dirty, MEMBER_REPORTS_PER_WRITE);
      try {
        if (this.reread) {
          this.reread = false;
          this.reported = new Map();
          this.seed((await this.reports.list(this.cluster)).reports);
        }
        await this.writeReports(keys);
        this.failures = 0;
      } catch (error) {
        for (const key of keys) this.dirty.add(key);
        this.retryLater(keys, error);
        return;
      }
    }
  }

  /** Waits before the next write; a `reportAll` in between writes at once. */
  private retryLater(keys: readonly string[], error: unknown): void {
    if (this.stopped) return;
    const delay = REPORT_BACKOFF_MS[
      Math.min(++this.failures, REPORT_BACKOFF_MS.length) - 1
    ] as number;
    this.logger.warn(
      { bindings: keys.slice(0, LOGGED_KEYS), count: keys.length, err: error, retryInMs: delay },
      'reporting workload health failed; retrying',
    );
    // After a failure etcd may or may not have applied the write: read before writing again.
    this.reread = true;
    this.retry = this.clock.setTimeout(() => {
      this.retry = undefined;
      this.scheduleWrite();
    }, delay);
  }

  /** Makes this member's report keys of `keys` say what runs here now, in one transaction. */
  private async writeReports(keys: readonly string[]): Promise<void> {
    const changes = new Map<string, AggregatedStatusItem | undefined>();
    for (const key of keys) {
      const want = this.itemFor(key);
      const stored = this.reported.get(key);
      if (sameItem(want, stored)) continue;
      changes.set(
        key,
        want && {
          ...want,
          healthSince:
            stored?.health === want.health && stored.healthSince !== undefined
              ? stored.healthSince
              : this.clock.now(),
        },
      );
    }
    await this.reports.write(this.cluster, changes);
    for (const [key, item] of changes)
      if (item) this.reported.set(key, item);
      else this.reported.delete(key);
  }
}

function sameItem(
  a: Omit<AggregatedStatusItem, 'healthSince'> | undefined,
  b: AggregatedStatusItem | undefined,
): boolean {
  if (!a || !b) return a === b;
  return a.applied === b.applied && a.health === b.health && a.readyReplicas === b.readyReplicas;
}
