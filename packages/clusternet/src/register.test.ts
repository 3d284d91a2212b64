import {
  EVENT_RECORDER,
  EVICTION_POLICY,
  FAILOVER_OBSERVERS,
  HEALTH_DETECTOR,
  MemoryEventRecorder,
  SCHEDULER,
  SCHEDULER_FRAMEWORK,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  TAINTER,
  ValidationError,
  VirtualClock,
  mergeProfiles,
  register,
  registerCore,
  resolve,
  resolveAll,
  type Tainter,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import pino from 'pino';
import { Registry } from 'prom-client';
import { container as rootContainer } from 'tsyringe';
import { FailOverPolicy } from './eviction/failover-policy';
import { LifecycleDetector } from './health/lifecycle-detector';
import type { ClusternetOptionsInput } from './options';
import { registerClusternet } from './register';
import { CLUSTERNET_SCHEDULER_PROFILE } from './scheduling/default-profile';
import { UnschedulableTainter } from './taints/unschedulable-tainter';
import { CLUSTERNET_OPTIONS } from './tokens';

function compose(options?: ClusternetOptionsInput) {
  const container = rootContainer.createChildContainer();
  const metrics = new Registry();
  const recorder = new MemoryEventRecorder();
  registerCore(container, {
    clock: new VirtualClock(0),
    logger: pino({ level: 'silent' }),
    metrics,
    recorder,
  });
  registerClusternet(container, options);
  return { container, metrics, recorder };
}

describe('registerClusternet', () => {
  it('registers the Clusternet part of every stage into the given container only', () => {
    const { container } = compose({ featureGates: { FailOver: true } });
    expect(resolve(container, HEALTH_DETECTOR)).toBeInstanceOf(LifecycleDetector);
    expect(resolve(container, TAINTER)).toBeInstanceOf(UnschedulableTainter);
    expect(resolve(container, EVICTION_POLICY)).toBeInstanceOf(FailOverPolicy);
    expect(resolve(container, CLUSTERNET_OPTIONS).featureGates.FailOver).toBe(true);
    expect(rootContainer.isRegistered(TAINTER)).toBe(false);
    void container.dispose();
  });

  it("builds the default profile: Clusternet's plugins at their points, TaintToleration scoring with weight 3", () => {
    const { container } = compose();
    const framework = resolve(container, SCHEDULER_FRAMEWORK);
    const names = (point: string) =>
      framework
        .pluginsAt(point)
        .map((e) => `${e.plugin.name}${e.weight === 1 ? '' : `×${e.weight}`}`);
    expect({
      preFilter: names('preFilter'),
      filter: names('filter'),
      predict: names('predict'),
      score: names('score'),
      preAssign: names('preAssign'),
      assign: names('assign'),
      bind: names('bind'),
    }).toEqual({
      preFilter: [],
      filter: ['SubscriberAffinity', 'ClusterEviction', 'TaintToleration', 'SubscriptionFeeds'],
      predict: ['Predictor'],
      score: ['TaintToleration×3'],
      preAssign: ['DynamicAssigner'],
      assign: ['StaticAssigner', 'DynamicAssigner'],
      bind: ['DefaultBinder'],
    });
    void container.dispose();
  });

  it('schedules a binding no subscriber selects as unschedulable, explaining every cluster', async () => {
    const { container } = compose();
    const scheduler = resolve(container, SCHEDULER);
    const clusters = ['a', 'b'].map((name) => makeCluster(name).labels({ env: 'prod' }).build());
    const result = await scheduler.schedule(
      makeBinding('s', {
        placement: {
          clusterAffinity: [{ labelSelector: { matchLabels: { env: 'staging' } } }],
          replicaScheduling: { type: 'Duplicated' },
        },
      }),
      clusters,
      0,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.status.message()).toBe(
        '0/2 clusters are available: 2 cluster(s) matched no subscriber.',
      );
    void container.dispose();
  });

  it('refuses a profile that enables a plugin at a Clusternet point it does not implement', () => {
    const { container } = compose();
    register(container, SCHEDULER_PROFILE, {
      useValue: mergeProfiles(CLUSTERNET_SCHEDULER_PROFILE, {
        plugins: { assign: { enabled: [{ name: 'TaintToleration' }] } },
      }),
    });
    expect(() => resolveAll(container, SCHEDULING_STRATEGIES)).toThrow(
      'plugin "TaintToleration" is enabled at assign but has no assign() method; remove it from that point of the profile',
    );
    void container.dispose();
  });

  it('lets a part registered after it win (here the tainter)', () => {
    const { container } = compose();
    const mine: Tainter = { reconcile: () => ({ add: [], remove: [] }) };
    register(container, TAINTER, { useValue: mine });
    expect(resolve(container, TAINTER)).toBe(mine);
    void container.dispose();
  });

  it('validates the options once and provides them', () => {
    const { container } = compose({ settings: { clusterStatusUpdateFrequency: '20s' } });
    expect(resolve(container, CLUSTERNET_OPTIONS).settings.clusterStatusUpdateFrequency).toBe(
      20_000,
    );
    void container.dispose();
    expect(() => compose({ settings: { heartbeat: '20s' } } as ClusternetOptionsInput)).toThrow(
      ValidationError,
    );
  });

  it('keeps the FailOver gate off by default, so nothing is evicted', () => {
    const { container } = compose();
    const policy = resolve(container, EVICTION_POLICY);
    const down = makeCluster('m1')
      .taint({
        key: 'clusters.clusternet.io/unschedulable',
        value: 'ClusterStatusUnknown',
        effect: 'NoSchedule',
      })
      .build();
    expect(
      policy.decide(makeBinding('b', { clusters: [{ name: 'm1', replicas: 1 }] }), down, 0),
    ).toEqual({});
    void container.dispose();
  });

  it.each([
    { name: 'registered after registerCore', flavourFirst: false },
    {
      name: 'registered before registerCore (nothing is resolved while registering)',
      flavourFirst: true,
    },
  ])(
    "renames core's Unschedulable event to FailedScheduling, truncated at 1024 characters, $name",
    ({ flavourFirst }) => {
      const container = rootContainer.createChildContainer();
      const recorder = new MemoryEventRecorder();
      if (flavourFirst) registerClusternet(container);
      registerCore(container, { logger: pino({ level: 'silent' }), recorder });
      if (!flavourFirst) registerClusternet(container);
      const events = resolve(container, EVENT_RECORDER);
      events.record({
        kind: 'Binding',
        key: 'default/a',
        type: 'Warning',
        reason: 'Unschedulable',
        message: 'x'.repeat(2000),
        time: 0,
      });
      events.record({
        kind: 'Binding',
        key: 'default/a',
        type: 'Normal',
        reason: 'Scheduled',
        message: 'placed',
        time: 1,
      });
      expect(recorder.events.map((e) => [e.type, e.reason, e.message.length])).toEqual([
        ['Warning', 'FailedScheduling', 1024],
        ['Normal', 'Scheduled', 6],
      ]);
      void container.dispose();
    },
  );

  it("counts and times every scheduling attempt under Clusternet's metric names", async () => {
    const { container, metrics } = compose();
    const observers = resolveAll(container, FAILOVER_OBSERVERS);
    for (const observer of observers) {
      observer.scheduleAttempt?.({
        binding: 'default/a',
        result: 'Scheduled',
        scheduleType: 'Initial',
        startedAt: 0,
        finishedAt: 3,
      });
      observer.scheduleAttempt?.({
        binding: 'default/a',
        result: 'Unschedulable',
        scheduleType: 'Reconcile',
        startedAt: 5,
        finishedAt: 5,
      });
      observer.scheduleAttempt?.({
        binding: 'default/b',
        result: 'Scheduled',
        scheduleType: 'Initial',
        startedAt: 5,
        finishedAt: 6,
      });
    }
    const attempts = await metrics
      .getSingleMetric('clusternet_scheduler_schedule_attempts_total')
      ?.get();
    expect(
      attempts?.values.map((v) => [v.labels.result, v.labels.profile, v.value]).sort(),
    ).toEqual([
      ['scheduled', 'default', 2],
      ['unschedulable', 'default', 1],
    ]);
    const e2e = await metrics
      .getSingleMetric('clusternet_scheduler_e2e_scheduling_duration_seconds')
      ?.get();
    const sum = e2e?.values.find(
      (v) =>
        (v as { metricName?: string }).metricName?.endsWith('_sum') &&
        v.labels.result === 'scheduled',
    );
    expect(sum?.value).toBeCloseTo(0.004);
    void container.dispose();
  });

  it('times the Clusternet points the strategy runs', async () => {
    const { container, metrics } = compose();
    const [strategy] = resolveAll(container, SCHEDULING_STRATEGIES);
    strategy?.assign(makeBinding('r'), [{ cluster: makeCluster('a').build(), score: 0 }], {
      availableReplicas: new Map(),
      now: 0,
    });
    const durations = await metrics
      .getSingleMetric('clusternet_scheduler_framework_extension_point_duration_seconds')
      ?.get();
    const points = new Set(
      durations?.values
        .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))
        .map((v) => v.labels.extension_point),
    );
    expect([...points].sort()).toEqual(['bind', 'permit', 'preBind']);
    void container.dispose();
  });
});
