import type { Binding } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseFailover, parsePlacement } from '../api/parse-policy';
import { composeKarmada, placementOf, seedPlacement } from './compose-karmada';

// The seed (examples/karmada-seed.yaml): foo, 2 replicas by static weights on member1 and
// member2; member1 fails and foo moves to member2. With failback on, foo comes home.
const FOO = 'default/foo';
const WINDOW_S = 300;

const placement = seedPlacement(['member1', 'member2', 'member3']);

async function seed(failback: boolean) {
  const failover = parseFailover({
    cluster: { purgeMode: 'Gracefully' },
    ...(failback ? { failback: { stabilizationWindowSeconds: WINDOW_S } } : {}),
  });
  const env = await composeKarmada(
    ['member1', 'member2', 'member3'].map((n) =>
      makeCluster(n).ready().allocatable({ pods: 110 }).build(),
    ),
    [makeBinding('foo', { replicas: 2, placement, failover })],
  );
  let lowestReady = Number.POSITIVE_INFINITY;
  let settled = false;
  const placements: Record<string, number>[] = [];
  // Every change of the replicas ends in a status report, so every change is seen here; counted
  // from when the workload is at 2 ready again.
  env.store.watch('Binding', (e) => {
    const now = placementOf(e.object as Binding);
    if (JSON.stringify(placements.at(-1)) !== JSON.stringify(now)) placements.push(now);
    const ready = env.actuator.readyReplicas(FOO);
    if (ready >= 2) settled = true;
    if (settled) lowestReady = Math.min(lowestReady, ready);
  });
  const resetLowest = () => {
    settled = false;
    lowestReady = Number.POSITIVE_INFINITY;
  };
  const run = (ms: number) => env.clock.advance(ms);
  await run(2 * 60_000);
  return { env, run, placements, resetLowest, lowest: () => lowestReady };
}

const fail = async (env: Awaited<ReturnType<typeof seed>>['env'], member: string) => {
  env.prober.fail(member);
  await env.actuator.failCluster(member);
};
const recover = async (env: Awaited<ReturnType<typeof seed>>['env'], member: string) => {
  env.prober.recover(member);
  await env.actuator.recoverCluster(member);
};

describe('failback of the seed workload', () => {
  it('returns foo to member1=1, member2=1 once member1 has been back for the window, never below 2 ready', async () => {
    const { env, run, placements, resetLowest, lowest } = await seed(true);
    expect(placementOf(await env.store.get('Binding', FOO))).toEqual({ member1: 1, member2: 1 });
    await fail(env, 'member1');
    await run(18 * 60_000);
    const away = await env.store.get('Binding', FOO);
    expect(placementOf(away)).toEqual({ member2: 2 });
    expect(away?.status?.failback).toMatchObject({
      clusters: [
        { name: 'member1', replicas: 1 },
        { name: 'member2', replicas: 1 },
      ],
      evictedClusters: ['member1'],
    });

    // member1's loss took foo to 1 ready until the replacement started; from here on it stays at 2.
    expect(env.actuator.readyReplicas(FOO)).toBe(2);
    resetLowest();
    await recover(env, 'member1');
    await run(60_000);
    const readyAgain = env.recorder
      .withReason('ClusterReadyChanged')
      .findLast((e) => e.key === 'member1' && e.details?.status === 'True');
    // Nothing moves during the window.
    await run((WINDOW_S - 60) * 1000 - 2000);
    expect(env.recorder.withReason('FailbackStarted')).toEqual([]);
    await run(5 * 60_000);

    const started = env.recorder.withReason('FailbackStarted');
    expect(started).toHaveLength(1);
    expect((started[0]?.time ?? 0) - (readyAgain?.time ?? 0)).toBe(WINDOW_S * 1000);
    expect(started[0]?.message).toBe(
      'returning to member1:1,member2:1 from member2:2: member1 Ready and untainted for 300s',
    );
    const completed = env.recorder.withReason('FailbackCompleted');
    expect(completed).toHaveLength(1);
    // The new copy on member1 starts in 10 s; only then does member2 shed its second one.
    expect((completed[0]?.time ?? 0) - (started[0]?.time ?? 0)).toBe(10_000);
    const home = await env.store.get('Binding', FOO);
    expect(placementOf(home)).toEqual({ member1: 1, member2: 1 });
    expect(home?.status?.failback).toBeUndefined();
    expect(env.actuator.runningReplicas(FOO)).toEqual({ member1: 1, member2: 1 });
    expect(placements.slice(-3)).toEqual([
      { member2: 2 },
      { member1: 1, member2: 2 },
      { member1: 1, member2: 1 },
    ]);
    expect(lowest()).toBeGreaterThanOrEqual(2);
    // No eviction to go back: the taint manager and the scheduler leave the placement be.
    await run(5 * 60_000);
    expect(placementOf(await env.store.get('Binding', FOO))).toEqual({ member1: 1, member2: 1 });
    expect(env.recorder.withReason('EvictionStarted')).toHaveLength(1);
    await env.manager.stop();
  });

  it('restarts the window when member1 flaps during it', async () => {
    const { env, run } = await seed(true);
    await fail(env, 'member1');
    await run(18 * 60_000);
    await recover(env, 'member1');
    await run(3 * 60_000);
    await fail(env, 'member1');
    await run(2 * 60_000);
    await recover(env, 'member1');
    await run(60_000);
    const lastReady = env.recorder
      .withReason('ClusterReadyChanged')
      .findLast((e) => e.key === 'member1' && e.details?.status === 'True');
    await run(10 * 60_000);
    const started = env.recorder.withReason('FailbackStarted');
    expect(started).toHaveLength(1);
    expect((started[0]?.time ?? 0) - (lastReady?.time ?? 0)).toBe(WINDOW_S * 1000);
    expect(placementOf(await env.store.get('Binding', FOO))).toEqual({ member1: 1, member2: 1 });
    await env.manager.stop();
  });

  it('paces returns by the eviction rate limit (0.5/s: one every 2 s)', async () => {
    const failover = parseFailover({ failback: { stabilizationWindowSeconds: 60 } });
    const apps = ['a', 'b', 'c', 'd'];
    const env = await composeKarmada(
      ['member1', 'member2'].map((n) => makeCluster(n).ready().allocatable({ pods: 110 }).build()),
      apps.map((name) => makeBinding(name, { replicas: 2, placement, failover })),
    );
    await env.clock.advance(60_000);
    await fail(env, 'member1');
    await env.clock.advance(10 * 60_000);
    await recover(env, 'member1');
    await env.clock.advance(5 * 60_000);
    const started = env.recorder.withReason('FailbackStarted').map((e) => e.time);
    expect(started).toHaveLength(apps.length);
    expect(started.slice(1).map((t, i) => t - (started[i] ?? 0))).toEqual([2000, 2000, 2000]);
    for (const app of apps)
      expect(placementOf(await env.store.get('Binding', `default/${app}`))).toEqual({
        member1: 1,
        member2: 1,
      });
    await env.manager.stop();
  });

  it('brings clusterAffinities back to the primary group (Karmada #4990, #7717)', async () => {
    const groups = parsePlacement({
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: ['member1'] },
        { affinityName: 'backup', clusterNames: ['member2'] },
      ],
      replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
    });
    const env = await composeKarmada(
      ['member1', 'member2'].map((n) => makeCluster(n).ready().allocatable({ pods: 10 }).build()),
      [
        makeBinding('bar', {
          replicas: 3,
          placement: groups,
          failover: parseFailover({ failback: { stabilizationWindowSeconds: 120 } }),
        }),
      ],
    );
    const BAR = 'default/bar';
    await env.clock.advance(60_000);
    await fail(env, 'member1');
    await env.clock.advance(5 * 60_000);
    let bar = await env.store.get('Binding', BAR);
    expect(placementOf(bar)).toEqual({ member2: 3 });
    expect(bar?.status?.schedulerObservingAffinityName).toBe('backup');

    await recover(env, 'member1');
    await env.clock.advance(5 * 60_000);
    bar = await env.store.get('Binding', BAR);
    expect(placementOf(bar)).toEqual({ member1: 3 });
    expect(bar?.status?.schedulerObservingAffinityName).toBe('primary');
    expect(env.actuator.runningReplicas(BAR)).toEqual({ member1: 3 });
    expect(env.recorder.withReason('FailbackCompleted')).toHaveLength(1);
    // Later schedules stay on the primary group.
    await env.store.update('Binding', {
      ...(bar as Binding),
      spec: { ...(bar as Binding).spec, replicas: 4 },
    });
    await env.clock.advance(60_000);
    bar = await env.store.get('Binding', BAR);
    expect(placementOf(bar)).toEqual({ member1: 4 });
    await env.manager.stop();
  });

  it('without failover.failback stays on member2, as Karmada', async () => {
    const { env, run } = await seed(false);
    await fail(env, 'member1');
    await run(18 * 60_000);
    await recover(env, 'member1');
    await run(15 * 60_000);
    const foo = await env.store.get('Binding', FOO);
    expect(placementOf(foo)).toEqual({ member2: 2 });
    expect(foo?.status?.failback).toBeUndefined();
    expect(env.recorder.withReason('FailbackStarted')).toEqual([]);
    await env.manager.stop();
  });
});
