import type { Clock, TimerHandle } from '../contracts/clock';
import { TimerHeap, type VirtualTimer } from './timer-heap';

/**
 * Lets every pending promise chain run before the next timer fires. One macrotask turn is enough:
 * Node drains all microtasks before it. Virtual time needs this to be deterministic, so it is the
 * one place outside the real clock that touches a real timer.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve)); // real-time: drains microtasks only
}

/**
 * Timers fired per turn of the event loop. Node drains the microtasks (and next-ticks) between
 * any two immediates of one turn, so each timer still fires only after the work of the one before
 * has settled, but the loop's own cost (a poll for I/O) is paid once per batch, not per timer.
 */
const TIMERS_PER_TURN = 256;

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

  /** @param start - initial time, ms since the epoch (default 0). */
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
    await new Promise<void>((resolve, reject) => {
      let finished = false;
      const fire = (last: boolean): void => {
        if (finished) return;
        const next = this.nextLive();
        if (!next || next.at > target) {
          finished = true;
          resolve();
          return;
        }
        this.timers.pop();
        this.live.delete(next.id);
        this.current = Math.max(this.current, next.at);
        try {
          next.callback();
        } catch (error) {
          finished = true;
          reject(error as Error);
          return;
        }
        if (last) turn();
      };
      const turn = (): void => {
        for (let i = 1; i <= TIMERS_PER_TURN; i++) setImmediate(fire, i === TIMERS_PER_TURN); // real-time: one per timer, see TIMERS_PER_TURN
      };
      turn();
    });
    this.current = Math.max(this.current, target);
    await settle();
  }

  /** The earliest timer still live; cleared ones on top are dropped on the way (they run nothing). */
  private nextLive(): VirtualTimer | undefined {
    for (;;) {
      const next = this.timers.peek();
      if (!next || this.live.has(next.id)) return next;
      this.timers.pop();
    }
  }
}
