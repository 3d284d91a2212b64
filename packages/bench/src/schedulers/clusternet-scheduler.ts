import 'reflect-metadata';
import pino from 'pino';
import { container as rootContainer } from 'tsyringe';
import {
  CAPACITY_ESTIMATORS,
  SCHEDULING_STRATEGIES,
  SCHEDULER_FRAMEWORK,
  Scheduler,
  VirtualClock,
  parseResourceList,
  registerCore,
  replicasThatFit,
  subtractResources,
  type CapacityEstimator,
  type Cluster,
  type SchedulerFramework,
  type SchedulingStrategy,
} from '@lifeboat/core';
import {
  PREDICTOR_TRANSPORT,
  registerClusternet,
  type PredictorTransport,
} from '@lifeboat/clusternet';

/**
 * Each cluster's predictor, in process: how many replicas of 1 CPU fit in its free allocatable
 * CPU (the benchmark measures the scheduler, not a network round trip).
 */
const ONE_CPU = parseResourceList({ cpu: '1' });

const inProcessPredictor: PredictorTransport = {
  predict: async (cluster: Cluster) => {
    const allocatable = cluster.status?.allocatable;
    if (!allocatable) return undefined;
    const fit = replicasThatFit(
      subtractResources(allocatable, cluster.status?.allocated ?? {}),
      ONE_CPU,
    );
    return Number.isFinite(fit) ? Math.max(0, fit) : undefined;
  },
};

/** Clusternet's scheduler as `registerClusternet` wires it, with in-process predictors. */
export function clusternetScheduler(): Scheduler {
  const container = rootContainer.createChildContainer();
  registerCore(container, { clock: new VirtualClock(0), logger: pino({ level: 'silent' }) });
  registerClusternet(container);
  container.register(PREDICTOR_TRANSPORT, { useValue: inProcessPredictor });
  return new Scheduler(
    container.resolve<SchedulerFramework>(SCHEDULER_FRAMEWORK),
    container.resolveAll<SchedulingStrategy>(SCHEDULING_STRATEGIES),
    container.resolveAll<CapacityEstimator>(CAPACITY_ESTIMATORS),
  );
}
