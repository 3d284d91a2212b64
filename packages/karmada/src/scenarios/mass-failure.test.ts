import { formatTaint } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseFailover, parsePlacement } from '../api/parse-policy';
import type { KarmadaOptionsInput } from '../options';
import { composeKarmada, placementOf } from './compose-karmada';

// Karmada #5150 / #5803: the control plane loses its own network and /readyz fails for most
// members at once; every workload is evicted although every member is fine. Here the
// probes of member1..member4 fail while the members keep running their replicas.
const MEMBERS = ['member1', 'member2', 'member3', 'member4', 'member5'];
const APPS = ['a', 'b', 'c', 'd'];
const EVERY_MEMBER = Object.fromEntries(MEMBERS.map((m) => [m, 1]));

async function partition(settings: KarmadaOptionsInput, cut = MEMBERS.slice(0, 4)) {
  const placement = parsePlacement({ replicaScheduling: { replicaSchedulingType: 'Divided' } });
  const failover = parseFailover({ cluster: { purgeMode: 'Directly' } });
  const env = await composeKarmada(
    MEMBERS.map((n) => makeCluster(n).ready().allocatable({ pods: 20 }).build()),
    APPS.map((name) => makeBinding(name, { replicas: 5, placement, failover })),
    settings,
  );
  await env.clock.advance(60_000);
  const lowestReady = new Map(APPS.map((a) => [a, Number.POSITIVE_INFINITY]));
  const sample = () => {
    for (const a of APPS)
      lowestReady.set(
        a,
        Math.min(lowestReady.get(a) ?? 0, env.actuator.readyReplicas(`default/${a}`)),
      );
  };
  const unwatch = env.store.watch('Binding', sample);
  const cutAt = env.clock.now();
  for (const member of cut) env.prober.fail(member);
  await env.clock.advance(5 * 60_000);
  sample();
  return { env, cutAt, lowestReady, unwatch };
}

describe('four of five members look down at once (a control-plane partition)', () => {
  it('with the guard on (default), taints them but starts no eviction and loses no replica', async () => {
    const { env, cutAt, lowestReady, unwatch } = await partition({});

    const down = await Promise.all(MEMBERS.slice(0, 4).map((m) => env.store.get('Cluster', m)));
    for (const cluster of down)
      expect((cluster?.spec.taints ?? []).map(formatTaint).sort()).toEqual([
        'cluster.karmada.io/not-ready:NoExecute',
        'cluster.karmada.io/not-ready:NoSchedule',
      ]);
    expect(env.recorder.withReason('EvictionStarted')).toEqual([]);
    const paused = env.recorder.withReason('EvictionsPaused');
    expect(paused.map((e) => [e.kind, e.key, e.details])).toEqual([
      ['Fleet', '', { scope: 'Fleet', notReady: 4, clusters: 5 }],
    ]);
    expect(paused[0]?.message).toBe(
      '4 of 5 clusters in the fleet are not Ready (80%, threshold 55%): no new evictions start there, the control plane more likely lost its own connectivity than the members failed',
    );
    // All four turned not Ready in the same probe round: none of them slipped through first.
    const readyFalse = env.recorder
      .withReason('ClusterReadyChanged')
      .filter((e) => e.time > cutAt && e.details?.status === 'False');
    expect(new Set(readyFalse.map((e) => e.time)).size).toBe(1);
    expect(paused[0]?.time).toBe(readyFalse[0]?.time);
    for (const app of APPS) {
      const key = `default/${app}`;
      expect(placementOf(await env.store.get('Binding', key))).toEqual(EVERY_MEMBER);
      expect(env.actuator.runningReplicas(key)).toEqual(EVERY_MEMBER);
      expect(lowestReady.get(app)).toBe(5);
    }
    unwatch();

    // The network heals: evictions resume and there is nothing left to evict.
    for (const member of MEMBERS) env.prober.recover(member);
    await env.clock.advance(2 * 60_000);
    expect(env.recorder.withReason('EvictionsResumed').map((e) => e.details)).toEqual([
      { scope: 'Fleet', notReady: 0, clusters: 5 },
    ]);
    expect(env.recorder.withReason('EvictionStarted')).toEqual([]);
    await env.manager.stop();
  });

  it('with MassFailureGuard=false, evicts every workload from the four (Directly) and drops their replicas', async () => {
    const { env, lowestReady, unwatch } = await partition({
      featureGates: { MassFailureGuard: false },
    });
    unwatch();
    const started = env.recorder.withReason('EvictionStarted');
    expect(started).toHaveLength(APPS.length * 4);
    expect(new Set(started.map((e) => e.details?.purgeMode))).toEqual(new Set(['Directly']));
    expect(env.recorder.withReason('EvictionsPaused')).toEqual([]);
    for (const app of APPS) {
      expect(placementOf(await env.store.get('Binding', `default/${app}`))).toEqual({
        member5: 5,
      });
      expect(lowestReady.get(app)).toBeLessThan(5);
    }
    await env.manager.stop();
  });

  it('resumes when the fraction falls below the threshold, evicting from the members still down at the eviction rate', async () => {
    const { env } = await partition({});
    expect(env.recorder.withReason('EvictionStarted')).toEqual([]);
    // member1 and member2 come back: 2 of 5 (40%) are below 55%.
    env.prober.recover('member1');
    env.prober.recover('member2');
    await env.clock.advance(2 * 60_000);
    const resumed = env.recorder.withReason('EvictionsResumed');
    expect(resumed.map((e) => e.details)).toEqual([{ scope: 'Fleet', notReady: 2, clusters: 5 }]);
    const started = env.recorder.withReason('EvictionStarted');
    expect(started.map((e) => e.details?.cluster).sort()).toEqual(
      [...APPS.map(() => 'member3'), ...APPS.map(() => 'member4')].sort(),
    );
    // Not at once: members coming back late get clusterMonitorGracePeriod (40 s) first.
    expect((started[0]?.time ?? 0) - (resumed[0]?.time ?? 0)).toBe(40_000);
    // The default resourceEvictionRate, 0.5/s: one eviction every 2 s.
    const gaps = started.slice(1).map((e, i) => e.time - (started[i]?.time ?? 0));
    expect(new Set(gaps)).toEqual(new Set([2000]));
    await env.manager.stop();
  });

  it('does not evict a member that comes back a little after the others', async () => {
    const { env } = await partition({});
    for (const member of ['member1', 'member2', 'member3']) env.prober.recover(member);
    await env.clock.advance(15_000);
    env.prober.recover('member4');
    await env.clock.advance(3 * 60_000);
    expect(env.recorder.withReason('EvictionsResumed')).toHaveLength(1);
    expect(env.recorder.withReason('EvictionStarted')).toEqual([]);
    await env.manager.stop();
  });

  it('honours unhealthyClusterThreshold: at 0.9, four of five down still evicts', async () => {
    const { env } = await partition({ unhealthyClusterThreshold: 0.9 });
    expect(env.recorder.withReason('EvictionsPaused')).toEqual([]);
    expect(env.recorder.withReason('EvictionStarted')).toHaveLength(APPS.length * 4);
    await env.manager.stop();
  });
});
