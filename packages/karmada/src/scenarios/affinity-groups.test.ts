import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parsePlacement } from '../api/parse-policy';
import { composeKarmada, placementOf } from './compose-karmada';

const BAR = 'default/bar';

describe('clusterAffinities: the primary group fails', () => {
  it('moves bar to the backup group, records it, and stays there after the primary recovers', async () => {
    const placement = parsePlacement({
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: ['member1'] },
        { affinityName: 'backup', clusterNames: ['member2'] },
      ],
      replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
    });
    const clusters = ['member1', 'member2'].map((n) =>
      makeCluster(n).ready().allocatable({ pods: 10 }).build(),
    );
    const env = await composeKarmada(clusters, [makeBinding('bar', { replicas: 3, placement })]);
    await env.clock.advance(60_000);
    let bar = await env.store.get('Binding', BAR);
    expect(placementOf(bar)).toEqual({ member1: 3 });
    expect(bar?.status?.schedulerObservingAffinityName).toBe('primary');

    env.prober.fail('member1');
    await env.actuator.failCluster('member1');
    await env.clock.advance(5 * 60_000);
    bar = await env.store.get('Binding', BAR);
    expect(placementOf(bar)).toEqual({ member2: 3 });
    expect(bar?.status?.schedulerObservingAffinityName).toBe('backup');
    expect(env.actuator.readyReplicas(BAR)).toBe(3);

    // No automatic failback, as in Karmada: the recorded group stays in force.
    env.prober.recover('member1');
    await env.actuator.recoverCluster('member1');
    await env.clock.advance(5 * 60_000);
    bar = await env.store.get('Binding', BAR);
    expect(placementOf(bar)).toEqual({ member2: 3 });
    expect(bar?.status?.schedulerObservingAffinityName).toBe('backup');
    await env.manager.stop();
  });
});
