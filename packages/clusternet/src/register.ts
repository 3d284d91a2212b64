import {
  CAPACITY_ESTIMATORS,
  CLOCK,
  clusterEvictionRegistration,
  EVENT_RECORDER_DECORATORS,
  EVICTION_GUARD,
  EVICTION_POLICY,
  FAILBACK_POLICY,
  FAILOVER_OBSERVERS,
  MassFailureGuard,
  HEALTH_DETECTOR,
  METRICS_REGISTRY,
  SCHEDULER_FRAMEWORK,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  TAINTER,
  register,
  registerAll,
  resolve,
  type SchedulerFramework,
} from '@lifeboat/core';
import { instancePerContainerCachingFactory, type DependencyContainer } from 'tsyringe';
import { ClusternetFailbackPolicy } from './eviction/clusternet-failback-policy';
import { FailOverPolicy } from './eviction/failover-policy';
import { ClusternetEventRecorder } from './events';
import { LifecycleDetector } from './health/lifecycle-detector';
import { ClusternetMetrics } from './metrics';
import { parseClusternetOptions, type ClusternetOptionsInput } from './options';
import { PredictorClient } from './predictor/predictor-client';
import { ClusternetSchedulingObserver } from './scheduling-observer';
import { CLUSTERNET_SCHEDULER_PROFILE } from './scheduling/default-profile';
import { assertClusternetPoints } from './scheduling/extension-points';
import { defaultBinderRegistration } from './scheduling/plugins/default-binder/default-binder';
import { dynamicAssignerRegistration } from './scheduling/plugins/dynamic-assigner/dynamic-assigner';
import { HttpPredictorTransport } from './scheduling/plugins/predictor/http-predictor-transport';
import { predictorRegistration } from './scheduling/plugins/predictor/predictor';
import { staticAssignerRegistration } from './scheduling/plugins/static-assigner/static-assigner';
import { subscriberAffinityRegistration } from './scheduling/plugins/subscriber-affinity/subscriber-affinity';
import { subscriptionFeedsRegistration } from './scheduling/plugins/subscription-feeds/subscription-feeds';
import { taintTolerationRegistration } from './scheduling/plugins/taint-toleration/taint-toleration';
import { PredictCapacityEstimator } from './scheduling/predict-capacity-estimator';
import { ClusternetStrategy } from './scheduling/strategies/clusternet-strategy';
import { UnschedulableTainter } from './taints/unschedulable-tainter';
import { CLUSTERNET_METRICS, CLUSTERNET_OPTIONS, PREDICTOR_TRANSPORT } from './tokens';

/** The container's scheduler framework, its Clusternet points checked. */
function checkedFramework(container: DependencyContainer): SchedulerFramework {
  const framework = resolve(container, SCHEDULER_FRAMEWORK);
  assertClusternetPoints(framework);
  return framework;
}

/**
 * The boundary every stage reads from: validates `options` once (each bad or unknown field is a
 * `ValidationError` naming it, and nothing is registered) and provides them under
 * `CLUSTERNET_OPTIONS`, with the flavour's metrics under `CLUSTERNET_METRICS`. Call it before a
 * per-stage register function used on its own.
 * @public
 */
export function registerClusternetOptions(
  container: DependencyContainer,
  options: ClusternetOptionsInput = {},
): void {
  register(container, CLUSTERNET_OPTIONS, { useValue: parseClusternetOptions(options) });
  register(container, CLUSTERNET_METRICS, {
    useFactory: instancePerContainerCachingFactory(
      (c) => new ClusternetMetrics(resolve(c, METRICS_REGISTRY)),
    ),
  });
}

/**
 * Registers every Clusternet part into `container` (and nothing else), after core's
 * `registerCore`: {@link registerClusternetOptions}, then every per-stage register function.
 * Nothing is resolved here: every part reads its tokens when first resolved, so a token you
 * register again afterwards (the last registration wins) is the one that runs.
 * @public
 */
export function registerClusternet(
  container: DependencyContainer,
  options: ClusternetOptionsInput = {},
): DependencyContainer {
  registerClusternetOptions(container, options);
  registerClusternetObservability(container);
  registerClusternetHealth(container);
  registerClusternetTaints(container);
  registerClusternetEviction(container);
  registerClusternetScheduling(container);
  return container;
}

/**
 * A `FAILOVER_OBSERVERS` entry feeding `CLUSTERNET_METRICS` from every scheduling attempt
 * (labelled with the registered profile's name), and an `EVENT_RECORDER_DECORATORS` entry that
 * makes core's recorder speak Clusternet's event names.
 * @public
 */
export function registerClusternetObservability(container: DependencyContainer): void {
  register(container, FAILOVER_OBSERVERS, {
    useFactory: instancePerContainerCachingFactory(
      (c) =>
        new ClusternetSchedulingObserver(
          resolve(c, CLUSTERNET_METRICS),
          resolve(c, SCHEDULER_PROFILE).schedulerName,
        ),
    ),
  });
  register(container, EVENT_RECORDER_DECORATORS, {
    useValue: (inner) => new ClusternetEventRecorder(inner),
  });
}

/**
 * The lifecycle controller's 3 × heartbeat rule as the `HEALTH_DETECTOR`, with the options'
 * `clusterMonitorGracePeriod`.
 * @public
 */
export function registerClusternetHealth(container: DependencyContainer): void {
  register(container, HEALTH_DETECTOR, {
    useFactory: instancePerContainerCachingFactory(
      (c) =>
        new LifecycleDetector(resolve(c, CLOCK), {
          clusterMonitorGracePeriodMs: resolve(c, CLUSTERNET_OPTIONS).settings
            .clusterMonitorGracePeriod,
        }),
    ),
  });
}

/** The `clusters.clusternet.io/unschedulable` tainter as the `TAINTER`. @public */
export function registerClusternetTaints(container: DependencyContainer): void {
  register(container, TAINTER, {
    useFactory: instancePerContainerCachingFactory(() => new UnschedulableTainter()),
  });
}

/**
 * FailOver as the `EVICTION_POLICY`, gated by the `FailOver` feature gate. Copies a lost cluster
 * still runs are removed by core's `FailoverManager`, which re-applies every binding when a
 * cluster turns Ready again. Lifeboat's additions: core's `MassFailureGuard` at the option
 * `unhealthyClusterThreshold` as the `EVICTION_GUARD` (with the MassFailureGuard gate), and,
 * with the option `failbackStabilizationWindow`, failback as the `FAILBACK_POLICY`.
 * @public
 */
export function registerClusternetEviction(container: DependencyContainer): void {
  register(container, EVICTION_POLICY, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const { featureGates, failover } = resolve(c, CLUSTERNET_OPTIONS);
      return new FailOverPolicy({
        failOver: featureGates.FailOver,
        honorTolerationSeconds: failover.honorTolerationSeconds,
        keepOldReplicasUntilReady: failover.keepOldReplicasUntilReady,
        gracefulEvictionTimeoutMs: failover.gracefulEvictionTimeout,
      });
    }),
  });
  register(container, EVICTION_GUARD, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const { featureGates, failover, settings } = resolve(c, CLUSTERNET_OPTIONS);
      return featureGates.MassFailureGuard
        ? new MassFailureGuard({
            unhealthyClusterThreshold: failover.unhealthyClusterThreshold,
            // Members that come back together report within one heartbeat of each other.
            resumeGraceMs: settings.clusterStatusUpdateFrequency,
          })
        : undefined;
    }),
  });
  register(container, FAILBACK_POLICY, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const window = resolve(c, CLUSTERNET_OPTIONS).failover.failbackStabilizationWindow;
      return window === undefined ? undefined : new ClusternetFailbackPolicy(window);
    }),
  });
}

/**
 * The scheduler plugins (under `SCHEDULER_PLUGINS`; TaintToleration's `honorTolerationSeconds`
 * defaults to the options' `failover.honorTolerationSeconds`), {@link
 * CLUSTERNET_SCHEDULER_PROFILE} as the `SCHEDULER_PROFILE` (exactly that object, so a profile
 * merged into it keeps everything the flavour runs), the predictor transport, the predict points
 * as a `CAPACITY_ESTIMATORS` entry and the Clusternet strategy as a `SCHEDULING_STRATEGIES` entry.
 * @public
 */
export function registerClusternetScheduling(container: DependencyContainer): void {
  registerAll(container, SCHEDULER_PLUGINS, [
    { useValue: clusterEvictionRegistration },
    { useValue: subscriberAffinityRegistration },
    {
      useFactory: instancePerContainerCachingFactory((c) =>
        taintTolerationRegistration({
          honorTolerationSeconds: resolve(c, CLUSTERNET_OPTIONS).failover.honorTolerationSeconds,
        }),
      ),
    },
    {
      // The transport is looked up per call, so a PREDICTOR_TRANSPORT registered later still wins.
      useFactory: instancePerContainerCachingFactory((c) =>
        predictorRegistration({
          predict: (cluster, requirements) =>
            resolve(c, PREDICTOR_TRANSPORT).predict(cluster, requirements),
        }),
      ),
    },
    { useValue: subscriptionFeedsRegistration },
    { useValue: staticAssignerRegistration },
    { useValue: dynamicAssignerRegistration },
    { useValue: defaultBinderRegistration },
  ]);
  register(container, SCHEDULER_PROFILE, { useValue: CLUSTERNET_SCHEDULER_PROFILE });
  register(container, PREDICTOR_TRANSPORT, {
    useFactory: instancePerContainerCachingFactory(
      (c) =>
        new HttpPredictorTransport(
          new PredictorClient(resolve(c, CLOCK), {
            timeoutMs: resolve(c, CLUSTERNET_OPTIONS).settings.predictorTimeout,
          }),
        ),
    ),
  });
  register(container, CAPACITY_ESTIMATORS, {
    useFactory: instancePerContainerCachingFactory(
      (c) => new PredictCapacityEstimator(checkedFramework(c)),
    ),
  });
  register(container, SCHEDULING_STRATEGIES, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const metrics = resolve(c, CLUSTERNET_METRICS);
      const profile = resolve(c, SCHEDULER_PROFILE).schedulerName;
      return new ClusternetStrategy(checkedFramework(c), {
        clock: resolve(c, CLOCK),
        observe: (point, status, seconds) =>
          metrics.extensionPointDuration.observe(
            { extension_point: point, status, profile },
            seconds,
          ),
      });
    }),
  });
}
