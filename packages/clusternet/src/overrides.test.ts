import 'reflect-metadata';
import pino from 'pino';
import { Registry } from 'prom-client';
import { container as rootContainer } from 'tsyringe';
import {
  ACTUATOR,
  CLOCK,
  CycleState,
  EVICTION_POLICY,
  SCHEDULER_FRAMEWORK,
  SCHEDULER_PROFILE,
  STATE_STORE,
  VirtualClock,
  mergeProfiles,
  register,
  registerCore,
  resolve,
  type FilterPlugin,
} from '@lifeboat/core';
import {
  CORE_TOKEN_OVERRIDES,
  InMemoryActuator,
  makeBinding,
  makeCluster,
  runFailoverManager,
} from '@lifeboat/core/testing';
import { ClusternetMetrics } from './metrics';
import { parseClusternetOptions, type ClusternetOptionsInput } from './options';
import { registerClusternet } from './register';
import { CLUSTERNET_SCHEDULER_PROFILE } from './scheduling/default-profile';
import { CLUSTERNET_METRICS, CLUSTERNET_OPTIONS, PREDICTOR_TRANSPORT } from './tokens';
import * as flavourTokens from './tokens';

/** Core, the Clusternet flavour, an in-process predictor (room for 10 everywhere) and an actuator. */
function compose(options: ClusternetOptionsInput = {}) {
  const container = rootContainer.createChildContainer();
  registerCore(container, {
    clock: new VirtualClock(0),
    logger: pino({ level: 'silent' }),
    metrics: new Registry(),
  });
  registerClusternet(container, options);
  register(container, PREDICTOR_TRANSPORT, { useValue: { predict: async () => 10 } });
  register(container, ACTUATOR, {
    useFactory: (c) => new InMemoryActuator(resolve(c, STATE_STORE), resolve(c, CLOCK), 10),
  });
  return container;
}

const lost = makeCluster('member1')
  .ready('Unknown', 'ClusterStatusUnknown')
  .taint({
    key: 'clusters.clusternet.io/unschedulable',
    value: 'ClusterStatusUnknown',
    effect: 'NoSchedule',
    timeAdded: 0,
  })
  .build();
const tolerating = makeBinding('web', {
  placement: {
    clusterTolerations: [
      { key: 'clusters.clusternet.io/unschedulable', operator: 'Exists', tolerationSeconds: 60 },
    ],
    replicaScheduling: { type: 'Duplicated' },
  },
});

/** The TaintToleration filter's verdict on the lost cluster, two minutes after the taint. */
async function taintFilterVerdict(container: ReturnType<typeof compose>) {
  const filter = resolve(container, SCHEDULER_FRAMEWORK)
    .pluginsAt('filter')
    .find((e) => e.plugin.name === 'TaintToleration')?.plugin as FilterPlugin;
  const clock = resolve(container, CLOCK);
  if (clock instanceof VirtualClock) await clock.advance(120_000);
  return filter.filter(new CycleState(), tolerating, lost);
}

describe('a token registered after registerClusternet is what runs', () => {
  it("tests every token in the flavour's tokens.ts (a new one needs its case here)", () => {
    expect(Object.keys(flavourTokens).sort()).toEqual([
      'CLUSTERNET_METRICS',
      'CLUSTERNET_OPTIONS',
      'PREDICTOR_TRANSPORT',
    ]);
  });

  it.each(CORE_TOKEN_OVERRIDES)('$token: $shows', async ({ override }) => {
    const container = compose();
    const check = override(container);
    // Past the 9 minute grace, so the lifecycle controller has written every cluster's Ready.
    await runFailoverManager(container, 10 * 60_000);
    const { actual, expected } = await check();
    expect(actual).toEqual(expected);
  });

  it.each([
    { name: 'the defaults (FailOver off) evict nothing', options: undefined, want: {} },
    {
      name: 'replacement options with FailOver on evict from the lost cluster',
      options: { featureGates: { FailOver: true } },
      want: { evict: expect.objectContaining({ purgeMode: 'Directly' }) },
    },
  ])(
    'CLUSTERNET_OPTIONS: the parts are built from the registered options: $name',
    ({ options, want }) => {
      const container = compose();
      if (options)
        register(container, CLUSTERNET_OPTIONS, { useValue: parseClusternetOptions(options) });
      const binding = makeBinding('web', { clusters: [{ name: 'member1', replicas: 1 }] });
      expect(resolve(container, EVICTION_POLICY).decide(binding, lost, 1_000)).toEqual(want);
    },
  );

  it('PREDICTOR_TRANSPORT: the replacement answers the Predictor plugin', async () => {
    const container = compose();
    const asked: string[] = [];
    register(container, PREDICTOR_TRANSPORT, {
      useValue: {
        predict: async (cluster) => {
          asked.push(cluster.metadata.name);
          return 10;
        },
      },
    });
    await runFailoverManager(container, 60_000, {
      clusters: [makeCluster('member1').build(), makeCluster('member2').build()],
      bindings: [
        makeBinding('web', {
          replicas: 4,
          placement: {
            replicaScheduling: {
              type: 'Divided',
              division: 'DynamicWeight',
              dynamicWeight: 'AvailableReplicas',
            },
          },
        }),
      ],
    });
    expect([...new Set(asked)].sort()).toEqual(['member1', 'member2']);
  });

  it('CLUSTERNET_METRICS: the parts report to the replacement', async () => {
    const container = compose();
    const registry = new Registry();
    register(container, CLUSTERNET_METRICS, { useValue: new ClusternetMetrics(registry) });
    await runFailoverManager(container);
    const attempts = await registry
      .getSingleMetric('clusternet_scheduler_schedule_attempts_total')
      ?.get();
    expect(attempts?.values.reduce((sum, v) => sum + v.value, 0)).toBeGreaterThan(0);
  });
});

describe('the profile a user merges into is the one that runs', () => {
  it.each([
    {
      name: 'without honorTolerationSeconds the toleration holds forever',
      honor: false,
      want: 'Success',
    },
    {
      name: 'with honorTolerationSeconds the expired toleration rejects',
      honor: true,
      want: 'UnschedulableAndUnresolvable',
    },
  ])('$name, also after merging into CLUSTERNET_SCHEDULER_PROFILE', async ({ honor, want }) => {
    const container = compose({ failover: { honorTolerationSeconds: honor } });
    expect(resolve(container, SCHEDULER_PROFILE)).toBe(CLUSTERNET_SCHEDULER_PROFILE);
    register(container, SCHEDULER_PROFILE, {
      useValue: mergeProfiles(CLUSTERNET_SCHEDULER_PROFILE, {
        plugins: { score: { enabled: [{ name: 'TaintToleration', weight: 5 }] } },
      }),
    });
    expect((await taintFilterVerdict(container)).code).toBe(want);
  });
});
