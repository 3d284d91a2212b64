import type { Clock, TimerHandle } from '@lifeboat/core';

interface Batch {
  count: number;
  timer: TimerHandle;
}

/**
 * The replicas of one workload on one member cluster: how many run and how many are ready.
 * Replicas added together become ready together `startupMs` later; removals take starting
 * replicas first (the newest), then ready ones.
 */
export class ReplicaSet {
  private readyCount = 0;
  private readonly starting: Batch[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly startupMs: number,
    private readonly onReady: () => void,
  ) {}

  get ready(): number {
    return this.readyCount;
  }

  get running(): number {
    return this.readyCount + this.starting.reduce((sum, b) => sum + b.count, 0);
  }

  /** Sets the number of running replicas; `canStart` false keeps new ones from ever becoming ready. */
  scaleTo(count: number, canStart: boolean): void {
    let diff = count - this.running;
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
    if (diff > 0) this.start(diff, canStart);
  }

  /** Every replica stops being ready (the cluster went dark or the app broke); they keep running. */
  stall(): void {
    const total = this.running;
    for (const batch of this.starting) this.clock.clearTimeout(batch.timer);
    this.starting.length = 0;
    this.readyCount = 0;
    this.start(total, false);
  }

  /** Restarts every replica that is not ready (the cluster is back). */
  restart(): void {
    const notReady = this.running - this.readyCount;
    for (const batch of this.starting) this.clock.clearTimeout(batch.timer);
    this.starting.length = 0;
    this.start(notReady, true);
  }

  /** Stops every timer (the replicas are gone). */
  dispose(): void {
    for (const batch of this.starting) this.clock.clearTimeout(batch.timer);
    this.starting.length = 0;
    this.readyCount = 0;
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
