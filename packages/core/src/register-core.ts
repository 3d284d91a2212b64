import pino, { type Logger } from 'pino';
import { Registry } from 'prom-client';
import { instancePerContainerCachingFactory, type DependencyContainer } from 'tsyringe';
import { RealClock } from './clock/real-clock';
import { CAPACITY_ESTIMATORS } from './contracts/capacity-estimator';
import { CLOCK, type Clock } from './contracts/clock';
import {
  EVENT_RECORDER,
  EVENT_RECORDER_DECORATORS,
  type EventRecorder,
} from './contracts/event-recorder';
import { LOGGER, METRICS_REGISTRY } from './contracts/observability';
import { SCHEDULER_PLUGINS } from './contracts/scheduler-plugins';
import { SCHEDULING_STRATEGIES } from './contracts/scheduling-strategy';
import { STATE_STORE, type StateStore } from './contracts/state-store';
import { WORKLOAD_GROUPS } from './contracts/workload-groups';
import { register } from './di/register';
import { resolve, resolveAll } from './di/resolve';
import { WorkloadGroups } from './failover/workload-groups';
import { LoggingEventRecorder } from './observability/event-recorders';
import { InMemoryStateStore } from './store/in-memory-state-store';
import { SchedulerFramework } from './scheduler/framework';
import { SCHEDULER_FRAMEWORK } from './scheduler/framework-token';
import { SCHEDULER_PROFILE } from './scheduler/profile';
import { Scheduler, type SchedulerOptions } from './scheduler/scheduler';
import { SCHEDULER, SCHEDULER_OPTIONS } from './scheduler/scheduler-token';

/** What {@link registerCore} provides unless given. @public */
export interface CoreOptions {
  /** Default: the real clock. Pass a `VirtualClock` for tests and simulation. */
  readonly clock?: Clock;
  /** Default: a new `InMemoryStateStore`. */
  readonly store?: StateStore;
  /** Default: pino at `warn` to stderr. */
  readonly logger?: Logger;
  /** Default: a new prom-client registry. */
  readonly metrics?: Registry;
  /** Default: events are logged. Wrapped in every `EVENT_RECORDER_DECORATORS` entry. */
  readonly recorder?: EventRecorder;
  /** The default scheduler's options (`SCHEDULER_OPTIONS`). Default: `{}`. */
  readonly scheduler?: SchedulerOptions;
}

/**
 * Registers the ports every controller needs (clock, store, logger, metrics, events) and the
 * scheduler: `SCHEDULER_FRAMEWORK` (every `SCHEDULER_PLUGINS` registration run by the
 * `SCHEDULER_PROFILE`, whose handle reads `WORKLOAD_GROUPS`) and `SCHEDULER` (core's `Scheduler`
 * over it). Nothing is resolved here:
 * every built part reads its tokens the first time it is resolved, so a token registered again
 * later (by a flavour, then by you) is what it gets. Touches only `container`; call it on a child
 * container per controller, then register a flavour, then your overrides.
 * @public
 */
export function registerCore(
  container: DependencyContainer,
  options: CoreOptions = {},
): DependencyContainer {
  const logger = options.logger ?? pino({ level: 'warn' }, pino.destination(2));
  const recorder = options.recorder ?? new LoggingEventRecorder(logger);
  register(container, CLOCK, { useValue: options.clock ?? new RealClock() });
  register(container, STATE_STORE, { useValue: options.store ?? new InMemoryStateStore() });
  register(container, LOGGER, { useValue: logger });
  register(container, METRICS_REGISTRY, { useValue: options.metrics ?? new Registry() });
  register(container, EVENT_RECORDER, {
    useFactory: instancePerContainerCachingFactory((c) =>
      resolveAll(c, EVENT_RECORDER_DECORATORS).reduce(
        (inner, decorate) => decorate(inner),
        recorder,
      ),
    ),
  });
  register(container, SCHEDULER_OPTIONS, { useValue: options.scheduler ?? {} });
  // The failover manager feeds it, plugins read it: one per container.
  register(container, WORKLOAD_GROUPS, {
    useFactory: instancePerContainerCachingFactory(() => new WorkloadGroups()),
  });
  register(container, SCHEDULER_FRAMEWORK, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const clock = resolve(c, CLOCK);
      return new SchedulerFramework(
        resolveAll(c, SCHEDULER_PLUGINS),
        resolve(c, SCHEDULER_PROFILE),
        {
          now: () => clock.now(),
          workloadGroups: resolve(c, WORKLOAD_GROUPS),
        },
      );
    }),
  });
  // The scheduler keeps a snapshot of the clusters between cycles: one per container.
  register(container, SCHEDULER, {
    useFactory: instancePerContainerCachingFactory(
      (c) =>
        new Scheduler(
          resolve(c, SCHEDULER_FRAMEWORK),
          resolveAll(c, SCHEDULING_STRATEGIES),
          resolveAll(c, CAPACITY_ESTIMATORS),
          resolve(c, SCHEDULER_OPTIONS),
        ),
    ),
  });
  return container;
}
