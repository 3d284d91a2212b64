import { Quantity, type Binding } from '@lifeboat/core';
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

describe('clusterAffinities: the group in force lacks capacity', () => {
  it('falls through to the next group when the first cannot hold the replicas, as Karmada does', async () => {
    const placement = parsePlacement({
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: ['member1'] },
        { affinityName: 'backup', clusterNames: ['member2'] },
      ],
      replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
    });
    const clusters = [
      makeCluster('member1').ready().allocatable({ pods: 2 }).build(),
      makeCluster('member2').ready().allocatable({ pods: 10 }).build(),
    ];
    const env = await composeKarmada(clusters, [makeBinding('bar', { replicas: 3, placement })]);
    await env.clock.advance(60_000);
    const bar = await env.store.get('Binding', BAR);
    expect(placementOf(bar)).toEqual({ member2: 3 });
    expect(bar?.status?.schedulerObservingAffinityName).toBe('backup');
    expect(env.actuator.readyReplicas(BAR)).toBe(3);
    await env.manager.stop();
  });

  it('says why when no group can hold the replicas', async () => {
    const placement = parsePlacement({
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: ['member1'] },
        { affinityName: 'backup', clusterNames: ['member2'] },
      ],
      replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
    });
    const clusters = ['member1', 'member2'].map((n) =>
      makeCluster(n).ready().allocatable({ pods: 2 }).build(),
    );
    const env = await composeKarmada(clusters, [makeBinding('bar', { replicas: 3, placement })]);
    await env.clock.advance(60_000);
    const bar = await env.store.get('Binding', BAR);
    expect(bar?.spec.clusters).toBeUndefined();
    const scheduled = bar?.status?.conditions?.find((c) => c.type === 'Scheduled');
    expect(scheduled?.status).toBe('False');
    expect(scheduled?.message).toBe(
      '0/2 clusters are available: 2 cluster(s) could not take the replicas (Clusters available replicas 2 are not enough to schedule).',
    );
    await env.manager.stop();
  });
});

describe('overflowAffinities', () => {
  const placement = parsePlacement({
    clusterAffinities: [
      {
        affinityName: 'primary',
        clusterNames: ['member1'],
        overflowAffinities: [
          { affinityName: 'burst', clusterNames: ['member2'] },
          { affinityName: 'last', clusterNames: ['member3'] },
        ],
      },
    ],
    replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
  });
  const clusters = () => [
    makeCluster('member1').ready().allocatable({ pods: 4 }).build(),
    makeCluster('member2').ready().allocatable({ pods: 3 }).build(),
    makeCluster('member3').ready().allocatable({ pods: 10 }).build(),
  ];

  it('fills the group first, then each overflow tier in order, and contracts in reverse on scale-down', async () => {
    const env = await composeKarmada(clusters(), [makeBinding('bar', { replicas: 3, placement })]);
    await env.clock.advance(60_000);
    expect(placementOf(await env.store.get('Binding', BAR))).toEqual({ member1: 3 });

    // Each step: the members report what bar takes there (one pod per replica), then bar scales.
    const scale = async (replicas: number) => {
      const bar = (await env.store.get('Binding', BAR)) as Binding;
      for (const cluster of (await env.store.list('Cluster')).items) {
        const pods = placementOf(bar)[cluster.metadata.name] ?? 0;
        await env.store.update('Cluster', {
          ...cluster,
          status: { ...cluster.status, allocated: { pods: Quantity.fromUnits(pods) } },
        });
      }
      await env.store.update('Binding', {
        ...bar,
        metadata: { ...bar.metadata, generation: (bar.metadata.generation ?? 1) + 1 },
        spec: { ...bar.spec, replicas },
      });
      await env.clock.advance(60_000);
      return placementOf(await env.store.get('Binding', BAR));
    };
    // member1 holds 4; member3 is larger than member2 but comes later.
    expect(await scale(9)).toEqual({ member1: 4, member2: 3, member3: 2 });
    expect(await scale(6)).toEqual({ member1: 4, member2: 2 });
    expect(await scale(4)).toEqual({ member1: 4 });
    await env.manager.stop();
  });

  it('is unschedulable when every tier together is too small', async () => {
    const env = await composeKarmada(clusters(), [makeBinding('bar', { replicas: 20, placement })]);
    await env.clock.advance(60_000);
    const bar = await env.store.get('Binding', BAR);
    expect(bar?.spec.clusters).toBeUndefined();
    expect(bar?.status?.conditions?.find((c) => c.type === 'Scheduled')?.message).toContain(
      'Clusters available replicas are not enough to schedule (3 replicas left over after every overflow tier)',
    );
    await env.manager.stop();
  });
});
