import 'reflect-metadata';
import pino from 'pino';
import { container as rootContainer } from 'tsyringe';
import {
  CAPACITY_ESTIMATORS,
  SCHEDULING_STRATEGIES,
  SCHEDULER_FRAMEWORK,
  Scheduler,
  VirtualClock,
  registerCore,
  type CapacityEstimator,
  type SchedulerFramework,
  type SchedulerOptions,
  type SchedulingStrategy,
} from '@lifeboat/core';
import { registerKarmada } from '@lifeboat/karmada';

/**
 * Karmada's scheduler as an application wires it: core and the Karmada flavour registered in a
 * container, the framework, strategies and estimators resolved from it (the default profile).
 */
export function karmadaScheduler(options: SchedulerOptions = {}): Scheduler {
  const container = rootContainer.createChildContainer();
  registerCore(container, { clock: new VirtualClock(0), logger: pino({ level: 'silent' }) });
  registerKarmada(container);
  return new Scheduler(
    container.resolve<SchedulerFramework>(SCHEDULER_FRAMEWORK),
    container.resolveAll<SchedulingStrategy>(SCHEDULING_STRATEGIES),
    container.resolveAll<CapacityEstimator>(CAPACITY_ESTIMATORS),
    options,
  );
}
