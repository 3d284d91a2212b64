import 'reflect-metadata';
import pino from 'pino';
import { Registry } from 'prom-client';
import { container as rootContainer } from 'tsyringe';
import {
  CAPACITY_ESTIMATORS,
  EVICTION_POLICY,
  FEATURE_GATES,
  HEALTH_DETECTOR,
  SCHEDULER_FRAMEWORK,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  TAINTER,
  ValidationError,
  VirtualClock,
  formatTaint,
  registerCore,
  type CapacityEstimator,
  type EvictionPolicy,
  type FeatureGates,
  type HealthDetector,
  type PluginRegistration,
  type SchedulerFramework,
  type SchedulerProfile,
  type SchedulingStrategy,
  type Tainter,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import type { KarmadaOptions } from './options';
import { registerKarmada } from './register';
import { FakeClusterProber } from './testing/fake-cluster-prober';
import { CLUSTER_PROBER, KARMADA_OPTIONS } from './tokens';

function compose(settings = {}) {
  const clock = new VirtualClock(0);
  const container = rootContainer.createChildContainer();
  registerCore(container, { clock, logger: pino({ level: 'silent' }), metrics: new Registry() });
  registerKarmada(container, settings);
  return { clock, container };
}

const tainted = makeCluster('member1')
  .ready('False')
  .taint({ key: 'cluster.karmada.io/not-ready', effect: 'NoExecute', timeAdded: 0 })
  .build();
const foo = makeBinding('foo', { clusters: [{ name: 'member1', replicas: 1 }] });

describe('registerKarmada', () => {
  it('registers every stage of the flavour with validated options', () => {
    const { container } = compose({ clusterFailureThreshold: '1m' });
    expect(container.resolve<KarmadaOptions>(KARMADA_OPTIONS).clusterFailureThreshold).toBe(60_000);
    expect(container.resolve<HealthDetector>(HEALTH_DETECTOR).constructor.name).toBe(
      'KarmadaHealthDetector',
    );
    expect(container.resolve<Tainter>(TAINTER).constructor.name).toBe('KarmadaTainter');
    expect(container.resolve<EvictionPolicy>(EVICTION_POLICY).evictionsPerSecond).toBe(0.5);
    expect(container.resolveAll<PluginRegistration>(SCHEDULER_PLUGINS).map((p) => p.name)).toEqual([
      'TaintToleration',
      'ClusterAffinity',
      'SpreadConstraint',
      'ClusterEviction',
      'ClusterLocality',
    ]);
    expect(container.resolve<SchedulerProfile>(SCHEDULER_PROFILE).schedulerName).toBe(
      'default-scheduler',
    );
    expect(
      container.resolveAll<SchedulingStrategy>(SCHEDULING_STRATEGIES).map((s) => s.name),
    ).toEqual(['Duplicated', 'StaticWeight', 'DynamicWeight', 'Aggregated']);
    expect(container.resolveAll<CapacityEstimator>(CAPACITY_ESTIMATORS).map((e) => e.name)).toEqual(
      ['General'],
    );
    expect(container.resolve<FeatureGates>(FEATURE_GATES).toJSON()).toEqual({
      Failover: true,
      GracefulEviction: true,
    });
    expect(
      container
        .resolve<SchedulerFramework>(SCHEDULER_FRAMEWORK)
        .pluginsAt('filter')
        .map((e) => e.plugin.name),
    ).toEqual(['ClusterEviction', 'TaintToleration', 'SpreadConstraint', 'ClusterAffinity']);
  });

  it('refuses unknown settings before registering anything', () => {
    const container = rootContainer.createChildContainer();
    expect(() => registerKarmada(container, { clusterFailureTreshold: '30s' } as object)).toThrow(
      ValidationError,
    );
    expect(() => registerKarmada(container, { clusterFailureTreshold: '30s' } as object)).toThrow(
      'clusterFailureTreshold: unknown field',
    );
    expect(container.isRegistered(KARMADA_OPTIONS)).toBe(false);
    expect(container.isRegistered(HEALTH_DETECTOR)).toBe(false);
  });

  it('registers into the given container only', () => {
    compose();
    expect(rootContainer.isRegistered(HEALTH_DETECTOR)).toBe(false);
    expect(rootContainer.isRegistered(SCHEDULER_PLUGINS)).toBe(false);
  });

  it('lets a user replace one part by registering its token again afterwards', async () => {
    const { container } = compose();
    const prober = new FakeClusterProber();
    prober.degrade('member1');
    container.register(CLUSTER_PROBER, { useValue: prober });
    const observation = await container
      .resolve<HealthDetector>(HEALTH_DETECTOR)
      .check(makeCluster('member1').build());
    expect(prober.probes('member1')).toBe(1);
    expect(observation.ready).toMatchObject({ status: 'False', reason: 'ClusterNotReady' });
  });

  it('with the Failover gate off adds no NoExecute taint and evicts nothing', () => {
    const { container } = compose({ featureGates: { Failover: false } });
    const change = container
      .resolve<Tainter>(TAINTER)
      .reconcile(makeCluster('member1').ready('False').build());
    expect(change.add.map(formatTaint)).toEqual(['cluster.karmada.io/not-ready:NoSchedule']);
    expect(container.resolve<EvictionPolicy>(EVICTION_POLICY).decide(foo, tainted, 1000)).toEqual(
      {},
    );
  });

  it.each([
    {
      name: 'enableNoExecuteTaintEviction false (Karmada default) evicts nothing',
      settings: { enableNoExecuteTaintEviction: false },
    },
    { name: 'enableTaintManager false evicts nothing', settings: { enableTaintManager: false } },
  ])('$name', ({ settings }) => {
    const { container } = compose(settings);
    expect(container.resolve<EvictionPolicy>(EVICTION_POLICY).decide(foo, tainted, 1000)).toEqual(
      {},
    );
  });

  it('with default settings evicts from a NoExecute-tainted cluster', () => {
    const { container } = compose();
    expect(
      container.resolve<EvictionPolicy>(EVICTION_POLICY).decide(foo, tainted, 1000).evict?.reason,
    ).toBe('TaintUntolerated');
  });
});
