import type { Clock, TimerHandle } from '../contracts/clock';
import { TimerHeap } from './timer-heap';

/**
 * Lets every pending promise chain run before the next timer fires. One macrotask turn is enough:
 * Node drains all microtasks before it. Virtual time needs this to be deterministic, so it is the
 * one place outside the real clock that touches a real timer.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve)); // real-time: drains microtasks only
}

/**
 * Deterministic time for tests and the simulator. Time stands still until `advance`/`advanceTo`
 * moves it; timers then fire in due-time order (FIFO among equal times), and the async work each
 * one starts settles before the next fires. An hour of a fleet runs in milliseconds.
 * @public
 */
export class VirtualClock implements Clock {
  private current: number;
  private readonly timers = new TimerHeap();
  /** Ids of timers set and neither fired nor cleared. */
  private readonly live = new Set<number>();
  private nextId = 1;
  private seq = 0;

  /** @param start initial time, ms since the epoch (default 0). */
  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.live.add(id);
    this.timers.push({ id, at: this.current + Math.max(0, delayMs), seq: this.seq++, callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    // Clearing a timer that already fired (or twice) is a no-op, as with the real globals.
    this.live.delete(handle.id);
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, delayMs));
  }

  /** Number of timers still due (neither fired nor cleared). */
  pendingTimers(): number {
    return this.live.size;
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  advance(ms: number): Promise<void> {
    return this.advanceTo(this.current + ms);
  }

  /** Moves time to `target`, firing every timer due up to and including it. */
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      await settle();
      const next = this.timers.peek();
      if (!next || next.at > target) break;
      this.timers.pop();
      if (!this.live.delete(next.id)) continue;
      this.current = Math.max(this.current, next.at);
      next.callback();
    }
    this.current = Math.max(this.current, target);
    await settle();
  }
}
