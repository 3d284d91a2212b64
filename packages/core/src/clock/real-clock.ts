import type { Clock, TimerHandle } from '../contracts/clock';

interface RealTimerHandle extends TimerHandle {
  readonly timer: NodeJS.Timeout;
}

/**
 * Wall-clock time. The globals are looked up on every call (arrow functions, not bound
 * references), so test spies and fake timers installed later still take effect.
 * @public
 */
export class RealClock implements Clock {
  private nextId = 1;

  now(): number {
    return Date.now(); // real-time: the real clock implementation
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = setTimeout(() => callback(), Math.max(0, delayMs)); // real-time: the real clock implementation
    return { id: this.nextId++, timer } as RealTimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout((handle as RealTimerHandle).timer);
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, delayMs));
  }
}
