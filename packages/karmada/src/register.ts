import {
  CAPACITY_ESTIMATORS,
  CLOCK,
  EVICTION_GUARD,
  EVICTION_POLICY,
  FAILBACK_POLICY,
  FAILOVER_OBSERVERS,
  MassFailureGuard,
  HEALTH_DETECTOR,
  METRICS_REGISTRY,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  STATE_STORE,
  TAINTER,
  register,
  registerAll,
  resolve,
  type EvictionPolicy,
  type FailoverObserver,
  type SchedulingStrategy,
} from '@lifeboat/core';
import { instancePerContainerCachingFactory, type DependencyContainer } from 'tsyringe';
import { KarmadaEvictionPolicy } from './eviction/karmada-eviction-policy';
import { KarmadaFailbackPolicy } from './eviction/karmada-failback-policy';
import { MeteredEvictionPolicy } from './eviction/metered-eviction-policy';
import { HttpClusterProber } from './health/http-cluster-prober';
import { KarmadaHealthDetector } from './health/karmada-health-detector';
import { KarmadaMetrics } from './metrics';
import { parseKarmadaOptions, type KarmadaOptionsInput } from './options';
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
import { CLUSTER_PROBER, KARMADA_METRICS, KARMADA_OPTIONS } from './tokens';

/**
 * Registers health detection (needs {@link registerKarmadaOptions}): the HTTP {@link CLUSTER_PROBER} and the `HEALTH_DETECTOR`
 * (probe + thresholds for Push clusters, watchdog for Pull clusters' leases in core's
 * `STATE_STORE`), built from `KARMADA_OPTIONS` when first resolved. Replace the prober by
 * registering `CLUSTER_PROBER` again afterwards.
 * @public
 */
export function registerKarmadaHealth(container: DependencyContainer): void {
  register(container, CLUSTER_PROBER, { useValue: new HttpClusterProber() });
  register(container, HEALTH_DETECTOR, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const options = resolve(c, KARMADA_OPTIONS);
      const metrics = resolve(c, KARMADA_METRICS);
      const store = resolve(c, STATE_STORE);
      return new KarmadaHealthDetector(
        resolve(c, CLUSTER_PROBER),
        resolve(c, CLOCK),
        {
          statusUpdateFrequencyMs: options.clusterStatusUpdateFrequency,
          successThresholdMs: options.clusterSuccessThreshold,
          failureThresholdMs: options.clusterFailureThreshold,
          monitorPeriodMs: options.clusterMonitorPeriod,
          monitorGraceMs: options.clusterMonitorGracePeriod,
          startupGraceMs: options.clusterStartupGracePeriod,
        },
        (key) => store.get('Lease', key),
        (cluster, ready) =>
          metrics.clusterReadyState.set({ member_cluster: cluster }, ready ? 1 : 0),
      );
    }),
  });
}

/**
 * Registers the `TAINTER`: condition taints plus `taintPolicies` (the shipped default policies
 * unless replaced), policies only with the Failover gate, from `KARMADA_OPTIONS`.
 * @public
 */
export function registerKarmadaTaints(container: DependencyContainer): void {
  register(container, TAINTER, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const options = resolve(c, KARMADA_OPTIONS);
      return new KarmadaTainter(options.taintPolicies, options.featureGates.Failover);
    }),
  });
}

/**
 * Registers the `EVICTION_POLICY`: taint manager (with the Failover gate, `enableTaintManager`
 * and `enableNoExecuteTaintEviction`), application failover and graceful eviction, metered on
 * `KARMADA_METRICS`; the metered policy also observes the eviction controller under
 * `FAILOVER_OBSERVERS`. Lifeboat's additions: core's `MassFailureGuard` at
 * `unhealthyClusterThreshold` as the `EVICTION_GUARD` (with the MassFailureGuard gate), and
 * per-workload failback as the `FAILBACK_POLICY`.
 * @public
 */
export function registerKarmadaEviction(container: DependencyContainer): void {
  register(container, EVICTION_POLICY, {
    useFactory: instancePerContainerCachingFactory((c): EvictionPolicy => {
      const options = resolve(c, KARMADA_OPTIONS);
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
      return new MeteredEvictionPolicy(policy, resolve(c, KARMADA_METRICS));
    }),
  });
  register(container, EVICTION_GUARD, {
    useFactory: instancePerContainerCachingFactory((c) => {
      const options = resolve(c, KARMADA_OPTIONS);
      return options.featureGates.MassFailureGuard
        ? new MassFailureGuard({
            unhealthyClusterThreshold: options.unhealthyClusterThreshold,
            // Kubernetes gives every node a fresh grace period when disruption ends.
            resumeGraceMs: options.clusterMonitorGracePeriod,
          })
        : undefined;
    }),
  });
  register(container, FAILBACK_POLICY, { useValue: new KarmadaFailbackPolicy() });
  // A replaced policy is not observed: only the metered one counts the controller's passes.
  register(container, FAILOVER_OBSERVERS, {
    useFactory: instancePerContainerCachingFactory((c): FailoverObserver => {
      const policy = resolve(c, EVICTION_POLICY);
      return policy instanceof MeteredEvictionPolicy ? policy : {};
    }),
  });
}

/**
 * Registers scheduling: Karmada's plugins under `SCHEDULER_PLUGINS`, {@link
 * KARMADA_SCHEDULER_PROFILE} as the `SCHEDULER_PROFILE` (exactly that object, so a profile merged
 * into it keeps everything the flavour runs), the four division strategies under
 * `SCHEDULING_STRATEGIES`, the general capacity estimator under `CAPACITY_ESTIMATORS`, and the
 * scheduler metrics observer under `FAILOVER_OBSERVERS`.
 * @public
 */
export function registerKarmadaScheduling(container: DependencyContainer): void {
  registerAll(
    container,
    SCHEDULER_PLUGINS,
    KARMADA_PLUGIN_REGISTRATIONS.map((registration) => ({ useValue: registration })),
  );
  register(container, SCHEDULER_PROFILE, { useValue: KARMADA_SCHEDULER_PROFILE });
  // Strategies and the estimator keep caches: one instance per container.
  const strategies: (() => SchedulingStrategy)[] = [
    () => new DuplicatedStrategy(),
    () => new StaticWeightStrategy(),
    () => new DynamicWeightStrategy(),
    () => new AggregatedStrategy(),
  ];
  registerAll(
    container,
    SCHEDULING_STRATEGIES,
    strategies.map((make) => ({ useFactory: instancePerContainerCachingFactory(make) })),
  );
  register(container, CAPACITY_ESTIMATORS, {
    useFactory: instancePerContainerCachingFactory(() => new GeneralCapacityEstimator()),
  });
  register(container, FAILOVER_OBSERVERS, {
    useFactory: instancePerContainerCachingFactory(
      (c): FailoverObserver => new SchedulerMetricsObserver(resolve(c, KARMADA_METRICS)),
    ),
  });
}

/**
 * The boundary every stage reads from: validates `options` once (unknown settings and bad values
 * throw core's `ValidationError` naming the field, and nothing is registered) and provides them
 * under {@link KARMADA_OPTIONS}, with the flavour's metrics under {@link KARMADA_METRICS}. Call it
 * before a per-stage register function used on its own.
 * @public
 */
export function registerKarmadaOptions(
  container: DependencyContainer,
  options: KarmadaOptionsInput = {},
): void {
  register(container, KARMADA_OPTIONS, { useValue: parseKarmadaOptions(options) });
  register(container, KARMADA_METRICS, {
    useFactory: instancePerContainerCachingFactory(
      (c) => new KarmadaMetrics(resolve(c, METRICS_REGISTRY)),
    ),
  });
}

/**
 * Registers the whole Karmada flavour into `container` (and nothing else), after core's
 * `registerCore`: {@link registerKarmadaOptions}, then every per-stage register function.
 * Nothing is resolved here: every part reads its tokens when first resolved, so a token you
 * register again afterwards (the last registration wins) is the one that runs.
 * @public
 */
export function registerKarmada(
  container: DependencyContainer,
  options: KarmadaOptionsInput = {},
): DependencyContainer {
  registerKarmadaOptions(container, options);
  registerKarmadaHealth(container);
  registerKarmadaTaints(container);
  registerKarmadaEviction(container);
  registerKarmadaScheduling(container);
  return container;
}
