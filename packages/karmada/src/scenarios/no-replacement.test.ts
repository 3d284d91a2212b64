import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parsePlacement } from '../api/parse-policy';
import { composeKarmada, placementOf } from './compose-karmada';

const FOO = 'default/foo';

// Karmada bug #7455: when the reschedule finds no cluster, graceful eviction sees an empty
// placement as "all healthy" and deletes the only copy at once. Lifeboat keeps it.
describe('a graceful eviction with nowhere to go', () => {
  it('reports foo unschedulable with per-cluster reasons and keeps the old replicas until gracefulEvictionTimeout', async () => {
    const placement = parsePlacement({
      clusterAffinity: { clusterNames: ['member1'] },
      replicaScheduling: { replicaSchedulingType: 'Divided' },
    });
    const clusters = ['member1', 'member2'].map((n) => makeCluster(n).ready().build());
    const env = await composeKarmada(clusters, [makeBinding('foo', { replicas: 2, placement })]);
    await env.clock.advance(60_000);
    expect(placementOf(await env.store.get('Binding', FOO))).toEqual({ member1: 2 });

    // Degraded, not dead: the API answers but /readyz is not ok, and the replicas keep running.
    env.prober.degrade('member1');
    await env.clock.advance(60_000);
    const started = env.recorder.withReason('EvictionStarted')[0];
    expect(started?.message).toContain('member1');

    const unschedulable = env.recorder.withReason('Unschedulable').at(-1);
    expect(unschedulable?.message).toBe(
      '0/2 clusters are available: 1 cluster(s) did not match the placement cluster affinity constraint, 1 cluster(s) is in the process of eviction.',
    );
    const foo = await env.store.get('Binding', FOO);
    expect(foo?.spec.evictionTasks?.map((t) => t.fromCluster)).toEqual(['member1']);
    expect(env.actuator.runningReplicas(FOO)).toEqual({ member1: 2 });
    expect(env.actuator.readyReplicas(FOO)).toBe(2);

    // Nothing completes the task as "healthy": the replicas keep running until the timeout...
    await env.clock.advanceTo((started?.time ?? 0) + 600_000 - 1000);
    expect(env.actuator.runningReplicas(FOO)).toEqual({ member1: 2 });
    expect(env.actuator.readyReplicas(FOO)).toBe(2);
    expect(env.recorder.withReason('EvictionCompleted')).toEqual([]);

    // ...and gracefulEvictionTimeout (10 min) ends the task, as the user asked for.
    await env.clock.advance(2000);
    const completed = env.recorder.withReason('EvictionCompleted');
    expect(completed.map((e) => [e.time - (started?.time ?? 0), e.message])).toEqual([
      [600_000, 'left member1 (GracePeriodExpired)'],
    ]);
    expect((await env.store.get('Binding', FOO))?.spec.evictionTasks ?? []).toEqual([]);
    await env.manager.stop();
  });
});
