import 'reflect-metadata';
import pino from 'pino';
import { Registry } from 'prom-client';
import { container as rootContainer } from 'tsyringe';
import {
  ACTUATOR,
  FailoverManager,
  InMemoryStateStore,
  MemoryEventRecorder,
  VirtualClock,
  register,
  registerCore,
  resolve,
  type Binding,
  type Cluster,
} from '@lifeboat/core';
import { InMemoryActuator } from '@lifeboat/core/testing';
import { parsePlacement } from '../api/parse-policy';
import type { KarmadaOptionsInput } from '../options';
import { registerKarmada } from '../register';
import { FakeClusterProber } from '../testing/fake-cluster-prober';
import { CLUSTER_PROBER } from '../tokens';

/**
 * A whole failover controller for scenario tests: core's runtime on a virtual clock, the Karmada
 * flavour, the test-double prober and core's in-memory actuator (replicas ready 10 s after
 * placement).
 * @internal
 */
export async function composeKarmada(
  clusters: readonly Cluster[],
  bindings: readonly Binding[],
  settings: KarmadaOptionsInput = {},
) {
  const clock = new VirtualClock(0);
  const store = new InMemoryStateStore();
  const recorder = new MemoryEventRecorder();
  const metrics = new Registry();
  const container = rootContainer.createChildContainer();
  registerCore(container, { clock, store, recorder, metrics, logger: pino({ level: 'silent' }) });
  registerKarmada(container, settings);
  const prober = new FakeClusterProber();
  register(container, CLUSTER_PROBER, { useValue: prober });
  const actuator = new InMemoryActuator(store, clock, 10);
  register(container, ACTUATOR, { useValue: actuator });
  for (const cluster of clusters) await store.create('Cluster', cluster);
  for (const binding of bindings) await store.create('Binding', binding);
  const manager = resolve(container, FailoverManager);
  await manager.start();
  return { clock, store, recorder, metrics, prober, actuator, manager, container };
}

/** `{cluster: replicas}` of a binding's placement. @internal */
export function placementOf(binding: Binding | undefined): Record<string, number> {
  return Object.fromEntries((binding?.spec.clusters ?? []).map((c) => [c.name, c.replicas]));
}

/**
 * The seed's placement for foo: static weights 1:1 on member1 and member2, over the candidate
 * clusters `affinity` names.
 * @internal
 */
export function seedPlacement(affinity: readonly string[]) {
  return parsePlacement({
    clusterAffinity: { clusterNames: affinity },
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: {
        staticWeightList: [
          { targetCluster: { clusterNames: ['member1'] }, weight: 1 },
          { targetCluster: { clusterNames: ['member2'] }, weight: 1 },
        ],
      },
    },
  });
}
