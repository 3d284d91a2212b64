import pino, { type Logger } from 'pino';
import { Registry } from 'prom-client';
import { instancePerContainerCachingFactory, type DependencyContainer } from 'tsyringe';
import { RealClock } from './clock/real-clock';
import { CLOCK, type Clock } from './contracts/clock';
import { EVENT_RECORDER, type EventRecorder } from './contracts/event-recorder';
import { LEADER_ELECTOR, type LeaderElector } from './contracts/leader-elector';
import { LOGGER, METRICS_REGISTRY } from './contracts/observability';
import { SCHEDULER_PLUGINS, type PluginRegistration } from './contracts/scheduler-plugins';
import { STATE_STORE, type StateStore } from './contracts/state-store';
import { AlwaysLeader } from './failover/always-leader';
import { LoggingEventRecorder } from './observability/event-recorders';
import { InMemoryStateStore } from './store/in-memory-state-store';
import { SchedulerFramework } from './scheduler/framework';
import { SCHEDULER_FRAMEWORK } from './scheduler/framework-token';
import { SCHEDULER_PROFILE, type SchedulerProfile } from './scheduler/profile';

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
  /** Default: events are logged. */
  readonly recorder?: EventRecorder;
  /** Default: {@link AlwaysLeader}. */
  readonly leaderElector?: LeaderElector;
}

/**
 * Registers the ports every controller needs (clock, store, logger, metrics, events, leader
 * election) and the scheduler framework, built from every `SCHEDULER_PLUGINS` registration and
 * the `SCHEDULER_PROFILE` the first time it is resolved. Touches only `container`; call it on a
 * child container per controller, then register a flavour, then your overrides.
 * @public
 */
export function registerCore(
  container: DependencyContainer,
  options: CoreOptions = {},
): DependencyContainer {
  const logger = options.logger ?? pino({ level: 'warn' }, pino.destination(2));
  container.register(CLOCK, { useValue: options.clock ?? new RealClock() });
  container.register(STATE_STORE, { useValue: options.store ?? new InMemoryStateStore() });
  container.register(LOGGER, { useValue: logger });
  container.register(METRICS_REGISTRY, { useValue: options.metrics ?? new Registry() });
  container.register(EVENT_RECORDER, {
    useValue: options.recorder ?? new LoggingEventRecorder(logger),
  });
  container.register(LEADER_ELECTOR, { useValue: options.leaderElector ?? new AlwaysLeader() });
  container.register(SCHEDULER_FRAMEWORK, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const clock = c.resolve<Clock>(CLOCK);
      const plugins: PluginRegistration[] = c.isRegistered(SCHEDULER_PLUGINS, true)
        ? c.resolveAll<PluginRegistration>(SCHEDULER_PLUGINS)
        : [];
      return new SchedulerFramework(plugins, c.resolve<SchedulerProfile>(SCHEDULER_PROFILE), {
        now: () => clock.now(),
      });
    }),
  });
  return container;
}
