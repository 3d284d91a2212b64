import { token } from './token';

/** A scheduled callback; pass it to {@link Clock.clearTimeout}. @public */
export interface TimerHandle {
  readonly id: number;
}

/**
 * The only source of time in Lifeboat. Controllers, queues and detectors read `now()` and
 * schedule through it, so the same code runs on the real clock in production and on a virtual
 * clock in tests and the simulator.
 * @public
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` once `delayMs` has passed. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Resolves after `delayMs`. */
  sleep(delayMs: number): Promise<void>;
}

/** @public */
export const CLOCK = token<Clock>('Clock');
