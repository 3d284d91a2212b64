import 'reflect-metadata';
import pino from 'pino';
import { Registry } from 'prom-client';
import { container as rootContainer } from 'tsyringe';
import {
  CAPACITY_ESTIMATORS,
  EVICTION_GUARD,
  EVICTION_POLICY,
  FAILBACK_POLICY,
  HEALTH_DETECTOR,
  SCHEDULER_FRAMEWORK,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  TAINTER,
  ValidationError,
  VirtualClock,
  formatTaint,
  register,
  registerCore,
  resolve,
  resolveAll,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
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
    expect(resolve(container, KARMADA_OPTIONS).clusterFailureThreshold).toBe(60_000);
    expect(resolve(container, HEALTH_DETECTOR).constructor.name).toBe('KarmadaHealthDetector');
    expect(resolve(container, TAINTER).constructor.name).toBe('KarmadaTainter');
    expect(resolve(container, EVICTION_POLICY).evictionsPerSecond).toBe(0.5);
    expect(resolveAll(container, SCHEDULER_PLUGINS).map((p) => p.name)).toEqual([
      'TaintToleration',
      'ClusterAffinity',
      'SpreadConstraint',
      'ClusterEviction',
      'ClusterLocality',
      'WorkloadAffinity',
      'WorkloadAntiAffinity',
    ]);
    expect(resolve(container, SCHEDULER_PROFILE).schedulerName).toBe('default-scheduler');
    expect(resolveAll(container, SCHEDULING_STRATEGIES).map((s) => s.name)).toEqual([
      'Duplicated',
      'StaticWeight',
      'DynamicWeight',
      'Aggregated',
    ]);
    expect(resolveAll(container, CAPACITY_ESTIMATORS).map((e) => e.name)).toEqual(['General']);
    expect(resolve(container, KARMADA_OPTIONS).featureGates).toEqual({
      Failover: true,
      GracefulEviction: true,
      MassFailureGuard: true,
    });
    expect(resolve(container, EVICTION_GUARD)?.constructor.name).toBe('MassFailureGuard');
    expect(resolve(container, FAILBACK_POLICY)?.constructor.name).toBe('KarmadaFailbackPolicy');
    expect(
      resolve(container, SCHEDULER_FRAMEWORK)
        .pluginsAt('filter')
        .map((e) => e.plugin.name),
    ).toEqual([
      'ClusterEviction',
      'TaintToleration',
      'SpreadConstraint',
      'WorkloadAffinity',
      'WorkloadAntiAffinity',
      'ClusterAffinity',
    ]);
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
    register(container, CLUSTER_PROBER, { useValue: prober });
    const observation = await resolve(container, HEALTH_DETECTOR).check(
      makeCluster('member1').build(),
    );
    expect(prober.probes('member1')).toBe(1);
    expect(observation.ready).toMatchObject({ status: 'False', reason: 'ClusterNotReady' });
  });

  it('with the MassFailureGuard gate off holds no eviction back', () => {
    const { container } = compose({ featureGates: { MassFailureGuard: false } });
    expect(resolve(container, EVICTION_GUARD)).toBeUndefined();
  });

  it('with the Failover gate off adds no NoExecute taint and evicts nothing', () => {
    const { container } = compose({ featureGates: { Failover: false } });
    const change = resolve(container, TAINTER).reconcile(
      makeCluster('member1').ready('False').build(),
    );
    expect(change.add.map(formatTaint)).toEqual(['cluster.karmada.io/not-ready:NoSchedule']);
    expect(resolve(container, EVICTION_POLICY).decide(foo, tainted, 1000)).toEqual({});
  });

  it.each([
    {
      name: 'enableNoExecuteTaintEviction false (Karmada default) evicts nothing',
      settings: { enableNoExecuteTaintEviction: false },
    },
    { name: 'enableTaintManager false evicts nothing', settings: { enableTaintManager: false } },
  ])('$name', ({ settings }) => {
    const { container } = compose(settings);
    expect(resolve(container, EVICTION_POLICY).decide(foo, tainted, 1000)).toEqual({});
  });

  it('with default settings evicts from a NoExecute-tainted cluster', () => {
    const { container } = compose();
    expect(resolve(container, EVICTION_POLICY).decide(foo, tainted, 1000).evict?.reason).toBe(
      'TaintUntolerated',
    );
  });
});
