import { multiToken } from './token';

/** One scheduling attempt, as the scheduling controller saw it. @public */
export interface ScheduleAttempt {
  readonly binding: string;
  readonly result: 'Scheduled' | 'Unschedulable' | 'Error';
  /**
   * `Initial` for a binding never placed; `Scale` when the placed replicas differ from what the
   * binding asks (a scale, or replicas lost to an eviction); `Reconcile` otherwise.
   */
  readonly scheduleType: 'Initial' | 'Scale' | 'Reconcile';
  /** ms since the epoch on the controller's clock. */
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** One pass of the eviction controller over a binding. @public */
export interface EvictionPass {
  readonly binding: string;
  /** Tasks written this pass, by the cluster they leave. */
  readonly started: readonly string[];
  readonly completed: readonly string[];
  /** Evictions the rate limit held back this pass. */
  readonly delayed: number;
  readonly at: number;
}

/**
 * Watches the controllers' work, e.g. to export a flavour's metrics with its own names. Every
 * method is optional; observers must not throw or block.
 * @public
 */
export interface FailoverObserver {
  scheduleAttempt?(attempt: ScheduleAttempt): void;
  evictionPass?(pass: EvictionPass): void;
}

/** Observers (multi-registration, optional). @public */
export const FAILOVER_OBSERVERS = multiToken<FailoverObserver>('FailoverObservers');
