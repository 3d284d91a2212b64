import { token } from '../contracts/token';
import type { Scheduler, SchedulerOptions } from './scheduler';

/**
 * What the scheduling controller asks of a scheduler: one cycle for one binding, and optionally
 * to be told of each placement written (so later cycles count it before the clusters report
 * it). Core's {@link Scheduler} is the default; register another under {@link SCHEDULER} to
 * replace it.
 * @public
 */
export type BindingScheduler = Pick<Scheduler, 'schedule'> & Partial<Pick<Scheduler, 'assume'>>;

/**
 * The scheduler the failover manager runs (default: core's `Scheduler` over
 * `SCHEDULER_FRAMEWORK`, the `SCHEDULING_STRATEGIES`, the `CAPACITY_ESTIMATORS` and
 * `SCHEDULER_OPTIONS`, built once per container). @public
 */
export const SCHEDULER = token<BindingScheduler>('Scheduler');

/** Options of the default scheduler (`registerCore`'s `scheduler` option). @public */
export const SCHEDULER_OPTIONS = token<SchedulerOptions>('SchedulerOptions');
