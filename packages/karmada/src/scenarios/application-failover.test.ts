import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseFailover, parsePlacement } from '../api/parse-policy';
import { composeKarmada, placementOf } from './compose-karmada';

const FOO = 'default/foo';

describe('application failover: foo turns unhealthy on member1', () => {
  it('is evicted from member1 after tolerationSeconds and re-placed on member2', async () => {
    const placement = parsePlacement({
      clusterAffinity: { clusterNames: ['member1', 'member2'] },
      replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
    });
    const foo = makeBinding('foo', {
      replicas: 2,
      placement,
      failover: parseFailover({ application: { decisionConditions: { tolerationSeconds: 120 } } }),
    });
    const clusters = [
      makeCluster('member1').ready().allocatable({ pods: 10 }).build(),
      makeCluster('member2').ready().allocatable({ pods: 5 }).build(),
    ];
    const env = await composeKarmada(clusters, [foo]);
    await env.clock.advance(60_000);
    expect(placementOf(await env.store.get('Binding', FOO))).toEqual({ member1: 2 });

    const brokeAt = env.clock.now();
    await env.actuator.markUnhealthy(FOO, 'member1');
    await env.clock.advance(119_000);
    expect(placementOf(await env.store.get('Binding', FOO))).toEqual({ member1: 2 });

    await env.clock.advance(10 * 60_000);
    const started = env.recorder.withReason('EvictionStarted');
    expect(started).toHaveLength(1);
    expect(started[0]?.time).toBe(brokeAt + 120_000);
    expect(started[0]?.message).toContain('ApplicationFailure');
    const after = await env.store.get('Binding', FOO);
    expect(placementOf(after)).toEqual({ member2: 2 });
    expect(after?.spec.evictionTasks ?? []).toEqual([]);
    expect(env.actuator.runningReplicas(FOO)).toEqual({ member2: 2 });
    await env.manager.stop();
  });
});
