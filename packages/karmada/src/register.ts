import {
  CAPACITY_ESTIMATORS,
  CLOCK,
  EVICTION_POLICY,
  FAILOVER_OBSERVERS,
  FEATURE_GATES,
  FeatureGates,
  HEALTH_DETECTOR,
  METRICS_REGISTRY,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  STATE_STORE,
  TAINTER,
  token,
  type EvictionPolicy,
  type FailoverObserver,
  type StateStore,
  type SchedulingStrategy,
} from '@lifeboat/core';
import { instancePerContainerCachingFactory, type DependencyContainer } from 'tsyringe';
import { KarmadaEvictionPolicy } from './eviction/karmada-eviction-policy';
import { MeteredEvictionPolicy } from './eviction/metered-eviction-policy';
import { HttpClusterProber } from './health/http-cluster-prober';
import { KarmadaHealthDetector } from './health/karmada-health-detector';
import { KarmadaMetrics } from './metrics';
import { parseKarmadaOptions, type KarmadaOptions, type KarmadaOptionsInput } from './options';
import { GeneralCapacityEstimator } from './scheduling/general-capacity-estimator';
import { SchedulerMetricsObserver } from './scheduling/scheduler-metrics-observer';
import {
  KARMADA_PLUGIN_REGISTRATIONS,
  KARMADA_SCHEDULER_PROFILE,
} from './scheduling/plugins/karmada-plugins';
import { AggregatedStrategy } from './scheduling/strategies/aggregated-strategy';
import { DuplicatedStrategy } from './scheduling/strategies/duplicated-strategy';
import { DynamicWeightStrategy } from './scheduling/strategies/dynamic-weight-strategy';
import { StaticWeightStrategy } from './scheduling/strategies/static-weight-strategy';
import { KarmadaTainter } from './taints/karmada-tainter';
import { CLUSTER_PROBER, KARMADA_OPTIONS } from './tokens';

/** This flavour's metrics, built once per container on core's `METRICS_REGISTRY`. @public */
export const KARMADA_METRICS = token<KarmadaMetrics>('@lifeboat/karmada:KarmadaMetrics');

/** The gates this flavour reads, with Lifeboat's defaults (both on, as the seed document promises). @public */
export const KARMADA_FEATURE_GATES = {
  Failover: { default: true, stage: 'Beta' },
  GracefulEviction: { default: true, stage: 'Beta' },
} as const;

function metricsOf(container: DependencyContainer): KarmadaMetrics | undefined {
  return container.isRegistered(METRICS_REGISTRY, true)
    ? container.resolve(KARMADA_METRICS)
    : undefined;
}

/**
 * Registers health detection: the HTTP {@link CLUSTER_PROBER} and the `HEALTH_DETECTOR`
 * (probe + thresholds for Push clusters, watchdog for Pull clusters). Needs core's `CLOCK` and,
 * for Pull clusters' leases, `STATE_STORE`. Replace the prober by registering `CLUSTER_PROBER`
 * again afterwards.
 * @public
 */
export function registerKarmadaHealth(
  container: DependencyContainer,
  options: KarmadaOptions = parseKarmadaOptions(),
): void {
  container.register(CLUSTER_PROBER, { useValue: new HttpClusterProber() });
  container.register(HEALTH_DETECTOR, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const metrics = metricsOf(c);
      return new KarmadaHealthDetector(
        c.resolve(CLUSTER_PROBER),
        c.resolve(CLOCK),
        {
          statusUpdateFrequencyMs: options.clusterStatusUpdateFrequency,
          successThresholdMs: options.clusterSuccessThreshold,
          failureThresholdMs: options.clusterFailureThreshold,
          monitorPeriodMs: options.clusterMonitorPeriod,
          monitorGraceMs: options.clusterMonitorGracePeriod,
          startupGraceMs: options.clusterStartupGracePeriod,
        },
        c.isRegistered(STATE_STORE, true)
          ? (key) => c.resolve<StateStore>(STATE_STORE).get('Lease', key)
          : undefined,
        metrics
          ? (cluster, ready) =>
              metrics.clusterReadyState.set({ member_cluster: cluster }, ready ? 1 : 0)
          : undefined,
      );
    }),
  });
}

/**
 * Registers the `TAINTER`: condition taints plus `options.taintPolicies` (the shipped default
 * policies unless replaced), policies only with the Failover gate.
 * @public
 */
export function registerKarmadaTaints(
  container: DependencyContainer,
  options: KarmadaOptions = parseKarmadaOptions(),
): void {
  container.register(TAINTER, {
    useValue: new KarmadaTainter(options.taintPolicies, options.featureGates.Failover),
  });
}

/**
 * Registers the `EVICTION_POLICY`: taint manager (with the Failover gate, `enableTaintManager`
 * and `enableNoExecuteTaintEviction`), application failover and graceful eviction; with core's
 * metrics registry it is metered, and observes the eviction controller under `FAILOVER_OBSERVERS`.
 * @public
 */
export function registerKarmadaEviction(
  container: DependencyContainer,
  options: KarmadaOptions = parseKarmadaOptions(),
): void {
  container.register(EVICTION_POLICY, {
    useFactory: instancePerContainerCachingFactory((c): EvictionPolicy => {
      const policy = new KarmadaEvictionPolicy({
        taintEvictionEnabled:
          options.featureGates.Failover &&
          options.enableTaintManager &&
          options.enableNoExecuteTaintEviction,
        gracefulEvictionEnabled: options.featureGates.GracefulEviction,
        defaultPurgeMode: options.noExecuteTaintEvictionPurgeMode,
        resourceEvictionRate: options.resourceEvictionRate,
        gracefulEvictionTimeoutMs: options.gracefulEvictionTimeout,
      });
      const metrics = metricsOf(c);
      return metrics ? new MeteredEvictionPolicy(policy, metrics) : policy;
    }),
  });
  // The metered policy also watches the controller's passes; a replaced policy is not observed.
  container.register(FAILOVER_OBSERVERS, {
    useFactory: instancePerContainerCachingFactory((c): FailoverObserver => {
      const policy = c.resolve<EvictionPolicy>(EVICTION_POLICY);
      return policy instanceof MeteredEvictionPolicy ? policy : {};
    }),
  });
}

/**
 * Registers scheduling: Karmada's plugins under `SCHEDULER_PLUGINS`, its default
 * `SCHEDULER_PROFILE`, the four division strategies under `SCHEDULING_STRATEGIES`, the general
 * capacity estimator under `CAPACITY_ESTIMATORS`, and (with core's metrics registry) the
 * scheduler metrics observer under `FAILOVER_OBSERVERS`.
 * @public
 */
export function registerKarmadaScheduling(container: DependencyContainer): void {
  for (const registration of KARMADA_PLUGIN_REGISTRATIONS)
    container.register(SCHEDULER_PLUGINS, { useValue: registration });
  container.register(SCHEDULER_PROFILE, { useValue: KARMADA_SCHEDULER_PROFILE });
  // Strategies and the estimator keep caches: one instance per container.
  for (const make of [
    (): SchedulingStrategy => new DuplicatedStrategy(),
    () => new StaticWeightStrategy(),
    () => new DynamicWeightStrategy(),
    () => new AggregatedStrategy(),
  ]) {
    container.register(SCHEDULING_STRATEGIES, {
      useFactory: instancePerContainerCachingFactory(make),
    });
  }
  container.register(CAPACITY_ESTIMATORS, {
    useFactory: instancePerContainerCachingFactory(() => new GeneralCapacityEstimator()),
  });
  container.register(FAILOVER_OBSERVERS, {
    useFactory: instancePerContainerCachingFactory((c): FailoverObserver => {
      const metrics = metricsOf(c);
      return metrics ? new SchedulerMetricsObserver(metrics) : {};
    }),
  });
}

/**
 * Registers the whole Karmada flavour into `container` (and nothing else): validates `options`
 * once (unknown settings and bad values throw core's `ValidationError` naming the field),
 * provides them under {@link KARMADA_OPTIONS}, sets the feature gates, and calls the per-stage
 * register functions. Call it after core's `registerCore`; override any single part by
 * registering its token again afterwards (the last registration wins).
 * @public
 */
export function registerKarmada(
  container: DependencyContainer,
  input: KarmadaOptionsInput = {},
): DependencyContainer {
  const options = parseKarmadaOptions(input);
  container.register(KARMADA_OPTIONS, { useValue: options });
  container.register(FEATURE_GATES, {
    useValue: new FeatureGates(KARMADA_FEATURE_GATES).with(options.featureGates),
  });
  container.register(KARMADA_METRICS, {
    useFactory: instancePerContainerCachingFactory(
      (c) => new KarmadaMetrics(c.resolve(METRICS_REGISTRY)),
    ),
  });
  registerKarmadaHealth(container, options);
  registerKarmadaTaints(container, options);
  registerKarmadaEviction(container, options);
  registerKarmadaScheduling(container);
  return container;
}
