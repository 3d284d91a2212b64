import 'reflect-metadata';
import pino from 'pino';
import { Registry } from 'prom-client';
import { container as rootContainer } from 'tsyringe';
import {
  ACTUATOR,
  CLOCK,
  STATE_STORE,
  VirtualClock,
  register,
  registerCore,
  resolve,
} from '@lifeboat/core';
import { CORE_TOKEN_OVERRIDES, InMemoryActuator, runFailoverManager } from '@lifeboat/core/testing';
import { KarmadaMetrics } from './metrics';
import { parseKarmadaOptions } from './options';
import { registerKarmada } from './register';
import { FakeClusterProber } from './testing/fake-cluster-prober';
import { CLUSTER_PROBER, KARMADA_METRICS, KARMADA_OPTIONS } from './tokens';
import * as flavourTokens from './tokens';

/** Core, the Karmada flavour, a healthy test-double prober and core's in-memory actuator. */
function compose() {
  const container = rootContainer.createChildContainer();
  registerCore(container, {
    clock: new VirtualClock(0),
    logger: pino({ level: 'silent' }),
    metrics: new Registry(),
  });
  registerKarmada(container);
  register(container, CLUSTER_PROBER, { useValue: new FakeClusterProber() });
  register(container, ACTUATOR, {
    useFactory: (c) => new InMemoryActuator(resolve(c, STATE_STORE), resolve(c, CLOCK), 10),
  });
  return container;
}

async function readyOf(container: ReturnType<typeof compose>, name: string) {
  const cluster = await resolve(container, STATE_STORE).get('Cluster', name);
  return cluster?.status?.conditions?.find((c) => c.type === 'Ready');
}

describe('a token registered after registerKarmada is what runs', () => {
  it("tests every token in the flavour's tokens.ts (a new one needs its case here)", () => {
    expect(Object.keys(flavourTokens).sort()).toEqual([
      'CLUSTER_PROBER',
      'KARMADA_METRICS',
      'KARMADA_OPTIONS',
    ]);
  });

  it.each(CORE_TOKEN_OVERRIDES)('$token: $shows', async ({ override }) => {
    const container = compose();
    const check = override(container);
    await runFailoverManager(container);
    const { actual, expected } = await check();
    expect(actual).toEqual(expected);
  });

  it.each([
    {
      name: 'the defaults (Failover on) taint a lost cluster NoExecute too',
      gates: undefined,
      want: ['cluster.karmada.io/not-ready:NoExecute', 'cluster.karmada.io/not-ready:NoSchedule'],
    },
    {
      name: 'replacement options with Failover off taint it NoSchedule only',
      gates: { Failover: false },
      want: ['cluster.karmada.io/not-ready:NoSchedule'],
    },
  ])(
    'KARMADA_OPTIONS: the parts are built from the registered settings: $name',
    async ({ gates, want }) => {
      const container = compose();
      if (gates)
        register(container, KARMADA_OPTIONS, {
          useValue: parseKarmadaOptions({ featureGates: gates }),
        });
      const prober = new FakeClusterProber();
      prober.fail('member1');
      register(container, CLUSTER_PROBER, { useValue: prober });
      await runFailoverManager(container, 120_000);
      const member1 = await resolve(container, STATE_STORE).get('Cluster', 'member1');
      expect(member1?.spec.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(want);
    },
  );

  it('CLUSTER_PROBER: the replacement probes the Push clusters', async () => {
    const container = compose();
    const prober = new FakeClusterProber();
    prober.degrade('member2');
    register(container, CLUSTER_PROBER, { useValue: prober });
    await runFailoverManager(container, 120_000);
    expect(prober.probes('member2')).toBeGreaterThan(1);
    expect((await readyOf(container, 'member2'))?.status).toBe('False');
  });

  it('KARMADA_METRICS: the parts report to the replacement', async () => {
    const container = compose();
    const registry = new Registry();
    register(container, KARMADA_METRICS, { useValue: new KarmadaMetrics(registry) });
    await runFailoverManager(container);
    const ready = await registry.getSingleMetric('cluster_ready_state')?.get();
    expect(ready?.values.map((v) => [v.labels.member_cluster, v.value]).sort()).toEqual([
      ['member1', 1],
      ['member2', 1],
    ]);
  });
});
