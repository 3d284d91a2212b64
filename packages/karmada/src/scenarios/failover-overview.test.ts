import {
  READY_CONDITION,
  findCondition,
  formatTaint,
  type Binding,
  type EvictionTask,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parsePlacement } from '../api/parse-policy';
import { composeKarmada, placementOf, seedPlacement } from './compose-karmada';

// The scenario of Karmada's "Failover Overview" (the seed document): member1..3 joined,
// Deployment foo with 2 replicas propagated to member1 and member2, member1 fails.

const FOO = 'default/foo';

const staticWeights = seedPlacement(['member1', 'member2']);

const dynamicWeight = parsePlacement({
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Weighted',
    weightPreference: { dynamicWeight: 'AvailableReplicas' },
  },
});

async function run(foo: Binding) {
  const clusters = [
    makeCluster('member1').ready().allocatable({ pods: 10 }).build(),
    makeCluster('member2').ready().allocatable({ pods: 3 }).build(),
    makeCluster('member3').ready().allocatable({ pods: 20 }).build(),
  ];
  const env = await composeKarmada(clusters, [foo]);
  const tasksSeen: EvictionTask[] = [];
  env.store.watch('Binding', (event) => tasksSeen.push(...(event.object.spec.evictionTasks ?? [])));
  await env.clock.advance(60_000);
  const before = await env.store.get('Binding', FOO);

  const failedAt = env.clock.now();
  env.prober.fail('member1');
  await env.actuator.failCluster('member1');
  await env.clock.advance(10 * 60_000);

  const member1 = await env.store.get('Cluster', 'member1');
  const readyChange = env.recorder
    .withReason('ClusterReadyChanged')
    .find((e) => e.key === 'member1' && e.message.startsWith('Ready=False'));
  return {
    env,
    before,
    failedAt,
    member1,
    readyChange,
    tasksSeen,
    after: await env.store.get('Binding', FOO),
  };
}

describe('the failover overview scenario (member1 of three fails under Deployment foo)', () => {
  it('with static weights, moves member1 replica to member2 and ends with 2 ready replicas', async () => {
    const foo = makeBinding('foo', { replicas: 2, placement: staticWeights });
    const { env, before, failedAt, member1, readyChange, tasksSeen, after } = await run(foo);

    expect(placementOf(before)).toEqual({ member1: 1, member2: 1 });
    expect(env.actuator.readyReplicas(FOO)).toBe(2);

    // Detection with the defaults: 10 s probes, 30 s failure threshold.
    expect(findCondition(member1?.status?.conditions, READY_CONDITION)).toMatchObject({
      status: 'False',
      reason: 'ClusterNotReachable',
    });
    const detectedAfter = (readyChange?.time ?? Number.NaN) - failedAt;
    expect(detectedAfter).toBeGreaterThanOrEqual(30_000);
    expect(detectedAfter).toBeLessThanOrEqual(45_000);

    expect((member1?.spec.taints ?? []).map(formatTaint).sort()).toEqual([
      'cluster.karmada.io/not-ready:NoExecute',
      'cluster.karmada.io/not-ready:NoSchedule',
    ]);
    expect(member1?.spec.taints?.every((t) => t.timeAdded === readyChange?.time)).toBe(true);

    expect(tasksSeen[0]).toMatchObject({
      fromCluster: 'member1',
      purgeMode: 'Gracefully',
      reason: 'TaintUntolerated',
      producer: 'TaintManager',
      replicas: 1,
    });
    const started = env.recorder.withReason('EvictionStarted');
    expect(started).toHaveLength(1);
    expect(started[0]?.time).toBe(readyChange?.time);

    expect(placementOf(after)).toEqual({ member2: 2 });
    expect(after?.spec.evictionTasks ?? []).toEqual([]);
    expect(env.recorder.withReason('EvictionCompleted')[0]?.message).toContain(
      'NewPlacementHealthy',
    );
    expect(env.actuator.runningReplicas(FOO)).toEqual({ member2: 2 });
    expect(env.actuator.readyReplicas(FOO)).toBe(2);
    await env.manager.stop();
  });

  it('with dynamic weight, places the missing replica on the cluster with the most free room (member3)', async () => {
    const foo: Binding = {
      ...makeBinding('foo', {
        replicas: 2,
        placement: dynamicWeight,
        clusters: [
          { name: 'member1', replicas: 1 },
          { name: 'member2', replicas: 1 },
        ],
      }),
      // Already propagated to member1 and member2, as the seed document starts.
      status: { schedulerObservedGeneration: 1 },
    };
    const { env, before, member1, tasksSeen, after } = await run(foo);

    expect(placementOf(before)).toEqual({ member1: 1, member2: 1 });
    expect(findCondition(member1?.status?.conditions, READY_CONDITION)?.status).toBe('False');
    expect(tasksSeen[0]).toMatchObject({ fromCluster: 'member1', reason: 'TaintUntolerated' });
    // member2 keeps its replica (Steady mode); member3 has 20 free pods against member2's 3.
    expect(placementOf(after)).toEqual({ member2: 1, member3: 1 });
    expect(after?.spec.evictionTasks ?? []).toEqual([]);
    expect(env.actuator.readyReplicas(FOO)).toBe(2);
    await env.manager.stop();
  });
});
