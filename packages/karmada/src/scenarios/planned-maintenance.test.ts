import type { Binding, PurgeMode } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseFailover, parsePlacement } from '../api/parse-policy';
import { TAINT_CLUSTER_UNSCHEDULABLE } from '../taints/taint-keys';
import { composeKarmada, placementOf } from './compose-karmada';

// The seed document's third use case: an administrator drains a cluster before upgrading it
// and wants the service to keep running during the move.

const FOO = 'default/foo';

const placement = parsePlacement({
  clusterAffinity: { clusterNames: ['member1', 'member2'] },
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    weightPreference: {
      staticWeightList: [
        { targetCluster: { clusterNames: ['member1'] }, weight: 1 },
        { targetCluster: { clusterNames: ['member2'] }, weight: 1 },
      ],
    },
  },
});

async function drainMember2(purgeMode: PurgeMode) {
  const foo: Binding = makeBinding('foo', {
    replicas: 2,
    placement,
    failover: parseFailover({ cluster: { purgeMode } }),
  });
  const clusters = ['member1', 'member2', 'member3'].map((name) =>
    makeCluster(name).ready().build(),
  );
  const env = await composeKarmada(clusters, [foo]);
  await env.clock.advance(60_000);
  const before = await env.store.get('Binding', FOO);
  const readyBefore = env.actuator.readyReplicas(FOO);

  // Watch every step of the move: after each binding change and every virtual second.
  let minReady = Number.POSITIVE_INFINITY;
  const sample = (): void => {
    minReady = Math.min(minReady, env.actuator.readyReplicas(FOO));
  };
  env.store.watch('Binding', sample);
  const tick = (): void => {
    sample();
    env.clock.setTimeout(tick, 1000);
  };
  tick();

  const member2 = await env.store.get('Cluster', 'member2');
  if (!member2) throw new Error('member2 missing');
  const cordon = {
    key: TAINT_CLUSTER_UNSCHEDULABLE,
    effect: 'NoExecute' as const,
    timeAdded: env.clock.now(),
  };
  await env.store.update('Cluster', {
    ...member2,
    spec: { ...member2.spec, taints: [...(member2.spec.taints ?? []), cordon] },
  });
  await env.clock.advance(5 * 60_000);
  const after = await env.store.get('Binding', FOO);
  await env.manager.stop();
  return { env, before, readyBefore, minReady, after };
}

describe('planned maintenance: a NoExecute cordon on member2', () => {
  it('with purge mode Gracefully never lowers ready replicas while foo moves to member1', async () => {
    const { env, before, readyBefore, minReady, after } = await drainMember2('Gracefully');
    expect(placementOf(before)).toEqual({ member1: 1, member2: 1 });
    expect(readyBefore).toBe(2);
    expect(minReady).toBe(2);
    expect(placementOf(after)).toEqual({ member1: 2 });
    expect(after?.spec.evictionTasks ?? []).toEqual([]);
    expect(env.actuator.runningReplicas(FOO)).toEqual({ member1: 2 });
    expect(env.actuator.readyReplicas(FOO)).toBe(2);
  });

  it('with purge mode Directly removes the old replica first, so ready replicas dip to 1', async () => {
    const { env, before, readyBefore, minReady, after } = await drainMember2('Directly');
    expect(placementOf(before)).toEqual({ member1: 1, member2: 1 });
    expect(readyBefore).toBe(2);
    expect(minReady).toBe(1);
    expect(placementOf(after)).toEqual({ member1: 2 });
    expect(env.actuator.runningReplicas(FOO)).toEqual({ member1: 2 });
    expect(env.actuator.readyReplicas(FOO)).toBe(2);
  });
});
