import { READY_CONDITION, findCondition, formatTaint } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parsePlacement } from '../api/parse-policy';
import { composeKarmada, placementOf } from './compose-karmada';

const FOO = 'default/foo';

describe('Pull clusters: the agent on member1 stops reporting', () => {
  it('turns member1 Unknown after the monitor grace period, taints it unreachable and moves foo away', async () => {
    const placement = parsePlacement({
      clusterAffinity: { clusterNames: ['member1', 'member2'] },
      replicaScheduling: { replicaSchedulingType: 'Divided' },
    });
    const clusters = ['member1', 'member2'].map((n) =>
      makeCluster(n).syncMode('Pull').ready().build(),
    );
    const env = await composeKarmada(clusters, [makeBinding('foo', { replicas: 2, placement })]);

    // The agents: every 10 s each live member reports that it is alive and its /readyz is ok.
    const alive = new Set(['member1', 'member2']);
    const report = async (): Promise<void> => {
      for (const name of [...alive].sort()) {
        const cluster = await env.store.get('Cluster', name);
        if (cluster)
          await env.store.update('Cluster', {
            ...cluster,
            status: { ...cluster.status, lastHeartbeatTime: env.clock.now(), readyz: true },
          });
      }
      env.clock.setTimeout(() => void report(), 10_000);
    };
    await report();
    await env.clock.advance(60_000);
    expect(placementOf(await env.store.get('Binding', FOO))).toEqual({ member1: 1, member2: 1 });

    alive.delete('member1');
    await env.actuator.failCluster('member1');
    const lastReport = 60_000;
    await env.clock.advance(5 * 60_000);

    const member1 = await env.store.get('Cluster', 'member1');
    expect(findCondition(member1?.status?.conditions, READY_CONDITION)).toMatchObject({
      status: 'Unknown',
      reason: 'ClusterStatusUnknown',
    });
    const change = env.recorder
      .withReason('ClusterReadyChanged')
      .find((e) => e.key === 'member1' && e.message.startsWith('Ready=Unknown'));
    // Stale once more than 40 s passed since the last report; noticed within one 5 s monitor period.
    expect((change?.time ?? Number.NaN) - lastReport).toBeGreaterThan(40_000);
    expect((change?.time ?? Number.NaN) - lastReport).toBeLessThanOrEqual(45_000);
    expect((member1?.spec.taints ?? []).map(formatTaint).sort()).toEqual([
      'cluster.karmada.io/unreachable:NoExecute',
      'cluster.karmada.io/unreachable:NoSchedule',
    ]);
    expect(
      findCondition(
        (await env.store.get('Cluster', 'member2'))?.status?.conditions,
        READY_CONDITION,
      )?.status,
    ).toBe('True');
    const after = await env.store.get('Binding', FOO);
    expect(placementOf(after)).toEqual({ member2: 2 });
    expect(after?.spec.evictionTasks ?? []).toEqual([]);
    expect(env.actuator.readyReplicas(FOO)).toBe(2);
    await env.manager.stop();
  });
});
