import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parsePlacement } from '../api/parse-policy';
import { composeKarmada } from './compose-karmada';

describe('resourceEvictionRate paces evictions across the fleet', () => {
  it.each([
    { name: 'the default 0.5/s starts one eviction every 2 s', settings: {}, gapMs: 2000 },
    {
      name: 'a rate of 2/s starts one every 500 ms',
      settings: { resourceEvictionRate: 2 },
      gapMs: 500,
    },
  ])('$name', async ({ settings, gapMs }) => {
    const placement = parsePlacement({ replicaScheduling: { replicaSchedulingType: 'Divided' } });
    const bindings = ['a', 'b', 'c', 'd'].map((name) =>
      makeBinding(name, { replicas: 2, placement }),
    );
    const env = await composeKarmada(
      ['member1', 'member2'].map((n) => makeCluster(n).ready().build()),
      bindings,
      settings,
    );
    await env.clock.advance(60_000);
    env.prober.fail('member1');
    await env.actuator.failCluster('member1');
    await env.clock.advance(5 * 60_000);

    const starts = env.recorder.withReason('EvictionStarted').map((e) => e.time);
    expect(starts).toHaveLength(4);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(gaps).toEqual([gapMs, gapMs, gapMs]);
    await env.manager.stop();
  });
});
