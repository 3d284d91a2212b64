import type { Clock, TimerHandle } from '@lifeboat/core';

interface Batch {
  count: number;
  timer: TimerHandle;
}

/**
 * The replicas of one workload on one member cluster: how many run and how many are ready.
 * A new replica is Pending until the member admits it (it fits into the allocatable, see
 * `MemberCluster`); admitted replicas become ready together `startupMs` later. Removals take
 * Pending replicas first, then starting ones (the newest), then ready ones.
 */
export class ReplicaSet {
  private readyCount = 0;
  private pendingCount = 0;
  private readonly starting: Batch[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly startupMs: number,
    private readonly onReady: () => void,
  ) {}

  get ready(): number {
    return this.readyCount;
  }

  /** Replicas that exist there, Pending ones included. */
  get running(): number {
    return this.admitted + this.pendingCount;
  }

  /** Replicas the member has room for: ready, starting, or stalled on a dark cluster. */
  get admitted(): number {
    return this.readyCount + this.starting.reduce((sum, b) => sum + b.count, 0);
  }

  /** Replicas waiting for room on the member. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Sets the number of replicas; new ones are Pending until {@link ReplicaSet.admit}. */
  scaleTo(count: number): void {
    let diff = count - this.running;
    if (diff > 0) {
      this.pendingCount += diff;
      return;
    }
    const fromPending = Math.min(this.pendingCount, -diff);
    this.pendingCount -= fromPending;
    diff += fromPending;
    while (diff < 0) {
      const newest = this.starting[this.starting.length - 1];
      if (newest) {
        const take = Math.min(newest.count, -diff);
        newest.count -= take;
        diff += take;
        if (newest.count === 0) {
          this.clock.clearTimeout(newest.timer);
          this.starting.pop();
        }
      } else {
        this.readyCount += diff;
        diff = 0;
      }
    }
  }

  /** Starts up to `count` Pending replicas; `canStart` false keeps them from ever becoming ready. */
  admit(count: number, canStart: boolean): void {
    const n = Math.min(count, this.pendingCount);
    if (n <= 0) return;
    this.pendingCount -= n;
    this.start(n, canStart);
  }

  /** Every admitted replica stops being ready (the cluster went dark or the app broke); they keep running. */
  stall(): void {
    const total = this.admitted;
    for (const batch of this.starting) this.clock.clearTimeout(batch.timer);
    this.starting.length = 0;
    this.readyCount = 0;
    this.start(total, false);
  }

  /** Restarts every admitted replica that is not ready (the cluster is back). */
  restart(): void {
    const notReady = this.admitted - this.readyCount;
    for (const batch of this.starting) this.clock.clearTimeout(batch.timer);
    this.starting.length = 0;
    this.start(notReady, true);
  }

  /** Stops every timer (the replicas are gone). */
  dispose(): void {
    for (const batch of this.starting) this.clock.clearTimeout(batch.timer);
    this.starting.length = 0;
    this.readyCount = 0;
    this.pendingCount = 0;
  }

  private start(count: number, canStart: boolean): void {
    if (count <= 0) return;
    const batch: Batch = { count, timer: { id: -1 } };
    // A replica that cannot start (dark cluster, broken app) stays "starting" with no timer due.
    if (canStart) {
      batch.timer = this.clock.setTimeout(() => {
        const index = this.starting.indexOf(batch);
        if (index >= 0) this.starting.splice(index, 1);
        this.readyCount += batch.count;
        this.onReady();
      }, this.startupMs);
    }
    this.starting.push(batch);
  }
}
