import {
  CAPACITY_ESTIMATORS,
  CLOCK,
  clusterEvictionRegistration,
  EVENT_RECORDER,
  EVICTION_POLICY,
  FAILOVER_OBSERVERS,
  FEATURE_GATES,
  FeatureGates,
  HEALTH_DETECTOR,
  METRICS_REGISTRY,
  SCHEDULER_FRAMEWORK,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  STATE_STORE,
  TAINTER,
  type Clock,
  type EventRecorder,
  type SchedulerFramework,
  type StateStore,
} from '@lifeboat/core';
import type { Registry } from 'prom-client';
import { instancePerContainerCachingFactory, type DependencyContainer } from 'tsyringe';
import { FailOverPolicy } from './eviction/failover-policy';
import { ClusternetEventRecorder } from './events';
import { ClusternetAgent, type AgentFactory } from './health/clusternet-agent';
import { LifecycleDetector } from './health/lifecycle-detector';
import { ClusternetMetrics } from './metrics';
import { ClusternetSchedulingObserver } from './scheduling-observer';
import { assertClusternetPoints } from './scheduling/extension-points';
import { parseClusternetOptions, type ClusternetOptions } from './options';
import { PredictorClient } from './predictor/predictor-client';
import { clusternetDefaultProfile } from './scheduling/default-profile';
import { defaultBinderRegistration } from './scheduling/plugins/default-binder/default-binder';
import { dynamicAssignerRegistration } from './scheduling/plugins/dynamic-assigner/dynamic-assigner';
import { PluginNames } from './scheduling/plugins/names';
import { HttpPredictorTransport } from './scheduling/plugins/predictor/http-predictor-transport';
import { predictorRegistration } from './scheduling/plugins/predictor/predictor';
import type { PredictorTransport } from './scheduling/plugins/predictor/predictor-transport';
import { staticAssignerRegistration } from './scheduling/plugins/static-assigner/static-assigner';
import { subscriberAffinityRegistration } from './scheduling/plugins/subscriber-affinity/subscriber-affinity';
import { taintTolerationRegistration } from './scheduling/plugins/taint-toleration/taint-toleration';
import { PredictCapacityEstimator } from './scheduling/predict-capacity-estimator';
import { ClusternetStrategy } from './scheduling/strategies/clusternet-strategy';
import { UnschedulableTainter } from './taints/unschedulable-tainter';
import {
  AGENT_FACTORY,
  CLUSTERNET_METRICS,
  CLUSTERNET_OPTIONS,
  PREDICTOR_TRANSPORT,
} from './tokens';

/** Clusternet's feature gates known to Lifeboat, with Clusternet's code defaults. @public */
export const CLUSTERNET_FEATURES = { FailOver: { default: false, stage: 'Alpha' } } as const;

/** The container's scheduler framework, its Clusternet points checked. */
function checkedFramework(container: DependencyContainer): SchedulerFramework {
  const framework = container.resolve<SchedulerFramework>(SCHEDULER_FRAMEWORK);
  assertClusternetPoints(framework);
  return framework;
}

function optionsOf(container: DependencyContainer): ClusternetOptions {
  return container.resolve<ClusternetOptions>(CLUSTERNET_OPTIONS);
}

/**
 * Registers every Clusternet part into `container` (and nothing else): call `registerCore`
 * first, then this, then your overrides (the last registration of a token wins). Options are
 * validated once and provided under `CLUSTERNET_OPTIONS`.
 * @throws ValidationError naming each bad or unknown option.
 * @public
 */
export function registerClusternet(
  container: DependencyContainer,
  options: unknown = {},
): DependencyContainer {
  const parsed = parseClusternetOptions(options);
  container.register(CLUSTERNET_OPTIONS, { useValue: parsed });
  container.register(FEATURE_GATES, {
    useValue: new FeatureGates(CLUSTERNET_FEATURES).with(parsed.featureGates),
  });
  registerClusternetObservability(container);
  registerClusternetHealth(container);
  registerClusternetTaints(container);
  registerClusternetEviction(container);
  registerClusternetScheduling(container);
  return container;
}

/**
 * Metrics under `CLUSTERNET_METRICS` on the container's `METRICS_REGISTRY`, fed by a
 * `FAILOVER_OBSERVERS` entry for every scheduling attempt, and the event recorder already
 * registered wrapped to speak Clusternet's event names.
 * @public
 */
export function registerClusternetObservability(container: DependencyContainer): void {
  container.register(CLUSTERNET_METRICS, {
    useFactory: instancePerContainerCachingFactory(
      (c) => new ClusternetMetrics(c.resolve<Registry>(METRICS_REGISTRY)),
    ),
  });
  container.register(FAILOVER_OBSERVERS, {
    useFactory: instancePerContainerCachingFactory(
      (c) =>
        new ClusternetSchedulingObserver(
          c.resolve<ClusternetMetrics>(CLUSTERNET_METRICS),
          clusternetDefaultProfile.schedulerName,
        ),
    ),
  });
  if (!container.isRegistered(EVENT_RECORDER, true)) return;
  container.register(EVENT_RECORDER, {
    useValue: new ClusternetEventRecorder(container.resolve<EventRecorder>(EVENT_RECORDER)),
  });
}

/**
 * The lifecycle controller's 3 × heartbeat rule as the `HEALTH_DETECTOR`, and an
 * `AGENT_FACTORY` making agents with the collect and update frequencies of the options.
 * @public
 */
export function registerClusternetHealth(container: DependencyContainer): void {
  container.register(AGENT_FACTORY, {
    useFactory: instancePerContainerCachingFactory((c): AgentFactory => {
      const store = c.resolve<StateStore>(STATE_STORE);
      const clock = c.resolve<Clock>(CLOCK);
      const { settings } = optionsOf(c);
      return (clusterName, observe) =>
        new ClusternetAgent(clusterName, store, clock, observe, {
          collectFrequencyMs: settings.clusterStatusCollectFrequency,
          updateFrequencyMs: settings.clusterStatusUpdateFrequency,
        });
    }),
  });
  container.register(HEALTH_DETECTOR, {
    useFactory: instancePerContainerCachingFactory(
      (c) =>
        new LifecycleDetector(c.resolve<Clock>(CLOCK), {
          clusterMonitorGracePeriodMs: optionsOf(c).settings.clusterMonitorGracePeriod,
        }),
    ),
  });
}

/** The `clusters.clusternet.io/unschedulable` tainter as the `TAINTER`. @public */
export function registerClusternetTaints(container: DependencyContainer): void {
  container.register(TAINTER, {
    useFactory: instancePerContainerCachingFactory(() => new UnschedulableTainter()),
  });
}

/**
 * FailOver as the `EVICTION_POLICY`, gated by the `FailOver` feature gate. Copies a lost cluster
 * still runs are removed by core's `FailoverManager`, which re-applies every binding when a
 * cluster turns Ready again.
 * @public
 */
export function registerClusternetEviction(container: DependencyContainer): void {
  container.register(EVICTION_POLICY, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const { featureGates, failover } = optionsOf(c);
      return new FailOverPolicy({
        failOver: featureGates.FailOver,
        honorTolerationSeconds: failover.honorTolerationSeconds,
        keepOldReplicasUntilReady: failover.keepOldReplicasUntilReady,
        gracefulEvictionTimeoutMs: failover.gracefulEvictionTimeout,
      });
    }),
  });
}

/**
 * The scheduler plugins (under `SCHEDULER_PLUGINS`), Clusternet's default profile, the predictor
 * transport, the predict points as a `CAPACITY_ESTIMATORS` entry and the Clusternet strategy as a
 * `SCHEDULING_STRATEGIES` entry.
 * @public
 */
export function registerClusternetScheduling(container: DependencyContainer): void {
  const options = optionsOf(container);
  // The transport is looked up per call, so a PREDICTOR_TRANSPORT registered after this still wins.
  const transport: PredictorTransport = {
    predict: (cluster, requirements) =>
      container.resolve<PredictorTransport>(PREDICTOR_TRANSPORT).predict(cluster, requirements),
  };
  for (const registration of [
    clusterEvictionRegistration,
    subscriberAffinityRegistration,
    taintTolerationRegistration,
    predictorRegistration(transport),
    staticAssignerRegistration,
    dynamicAssignerRegistration,
    defaultBinderRegistration,
  ]) {
    container.register(SCHEDULER_PLUGINS, { useValue: registration });
  }
  container.register(SCHEDULER_PROFILE, {
    useValue: {
      ...clusternetDefaultProfile,
      pluginConfig: [
        {
          name: PluginNames.TaintToleration,
          args: { honorTolerationSeconds: options.failover.honorTolerationSeconds },
        },
      ],
    },
  });
  container.register(PREDICTOR_TRANSPORT, {
    useFactory: instancePerContainerCachingFactory(
      (c) =>
        new HttpPredictorTransport(
          new PredictorClient(c.resolve<Clock>(CLOCK), {
            timeoutMs: optionsOf(c).settings.predictorTimeout,
          }),
        ),
    ),
  });
  container.register(CAPACITY_ESTIMATORS, {
    useFactory: instancePerContainerCachingFactory(
      (c) => new PredictCapacityEstimator(checkedFramework(c)),
    ),
  });
  container.register(SCHEDULING_STRATEGIES, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const metrics = c.resolve<ClusternetMetrics>(CLUSTERNET_METRICS);
      const profile = clusternetDefaultProfile.schedulerName;
      return new ClusternetStrategy(checkedFramework(c), {
        clock: c.resolve<Clock>(CLOCK),
        observe: (point, status, seconds) =>
          metrics.extensionPointDuration.observe(
            { extension_point: point, status, profile },
            seconds,
          ),
      });
    }),
  });
}
