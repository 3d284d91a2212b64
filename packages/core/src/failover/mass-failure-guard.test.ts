import type { ConditionStatus } from '../model/condition';
import { makeCluster } from '../testing/builders';
import { MassFailureGuard } from './mass-failure-guard';

/** `name:status[@region]`, e.g. `m1:False@eu`; status `-` for a cluster not judged yet. */
function fleet(...specs: string[]) {
  return specs.map((spec) => {
    const [head, region] = spec.split('@');
    const [name, status] = (head ?? '').split(':');
    let builder = makeCluster(name ?? '');
    if (region) builder = builder.region(region);
    if (status !== '-') builder = builder.ready(status as ConditionStatus);
    return builder.build();
  });
}

describe('MassFailureGuard', () => {
  it.each([
    {
      name: '3 of 5 not Ready (60%) pauses the fleet',
      clusters: fleet('a:False', 'b:Unknown', 'c:False', 'd:True', 'e:True'),
      paused: true,
    },
    {
      name: '2 of 3 not Ready is over the fraction but under the minimum of 3',
      clusters: fleet('a:False', 'b:False', 'c:True'),
      paused: false,
    },
    {
      name: '3 of 6 not Ready (50%) is under 55%',
      clusters: fleet('a:False', 'b:False', 'c:False', 'd:True', 'e:True', 'f:True'),
      paused: false,
    },
    {
      name: 'every cluster not Ready pauses the fleet',
      clusters: fleet('a:Unknown', 'b:Unknown', 'c:Unknown'),
      paused: true,
    },
    {
      name: 'clusters not judged yet are not counted as not Ready',
      clusters: fleet('a:-', 'b:-', 'c:-', 'd:False', 'e:False'),
      paused: false,
    },
  ])('$name', ({ clusters, paused }) => {
    const guard = new MassFailureGuard({ unhealthyClusterThreshold: 0.55 });
    const transitions = guard.assess(clusters, 0);
    expect(transitions.map((t) => [t.scope.kind, t.paused])).toEqual(
      paused ? [['Fleet', true]] : [],
    );
    expect(clusters.map((c) => guard.holdReason(c) !== undefined)).toEqual(
      clusters.map(() => paused),
    );
  });

  it('pauses a partly down region only, and evacuates a region with nothing Ready left', () => {
    const guard = new MassFailureGuard({ unhealthyClusterThreshold: 0.55 });
    const partly = fleet(
      'e1:False@east',
      'e2:False@east',
      'e3:False@east',
      'e4:True@east',
      ...['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((n) => `${n}:True@west`),
    );
    expect(guard.assess(partly, 0).map((t) => [t.scope, t.paused, t.notReady, t.clusters])).toEqual(
      [[{ kind: 'Region', name: 'east' }, true, 3, 4]],
    );
    expect(partly.filter((c) => guard.holdReason(c)).map((c) => c.metadata.name)).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
    ]);
    // e4 goes too: a regional outage, while the fleet (4 of 10) is under the threshold.
    const whole = partly.map((c) =>
      c.metadata.name === 'e4' ? (fleet('e4:False@east')[0] ?? c) : c,
    );
    expect(guard.assess(whole, 0).map((t) => [t.scope, t.paused])).toEqual([
      [{ kind: 'Region', name: 'east' }, false],
    ]);
    expect(whole.filter((c) => guard.holdReason(c))).toEqual([]);
  });

  it('reports a transition only when a scope changes, with the figures in the message', () => {
    const guard = new MassFailureGuard({ unhealthyClusterThreshold: 0.5 });
    const down = fleet('a:False', 'b:False', 'c:False', 'd:True');
    expect(guard.assess(down, 0).map((t) => t.message)).toEqual([
      '3 of 4 clusters in the fleet are not Ready (75%, threshold 50%): no new evictions start there, the control plane more likely lost its own connectivity than the members failed',
    ]);
    expect(guard.assess(down, 0)).toEqual([]);
    expect(guard.assess(fleet('a:True', 'b:False', 'c:False', 'd:True'), 0)).toEqual([
      {
        scope: { kind: 'Fleet' },
        paused: false,
        notReady: 2,
        clusters: 4,
        message:
          '2 of 4 clusters in the fleet are not Ready (50%, threshold 50%): evictions resume',
      },
    ]);
  });

  it('counts a Ready cluster whose agent missed more than 2 heartbeats as not Ready', () => {
    const guard = new MassFailureGuard({ unhealthyClusterThreshold: 0.55 });
    const heard = (name: string, at: number) => {
      const c = fleet(`${name}:True`)[0];
      if (!c) throw new Error('no cluster');
      return {
        ...c,
        status: { ...c.status, lastHeartbeatTime: at, heartbeatFrequencySeconds: 20 },
      };
    };
    const declared = fleet('a:Unknown')[0];
    if (!declared) throw new Error('no cluster');
    // At 100 s: b and c last reported 45 s ago (over 2 x 20 s), d and e 10 s ago.
    const clusters = [
      declared,
      heard('b', 55_000),
      heard('c', 55_000),
      heard('d', 90_000),
      heard('e', 90_000),
    ];
    expect(guard.assess(clusters, 100_000).map((t) => [t.paused, t.notReady])).toEqual([[true, 3]]);
    // b and c report again: 1 of 5.
    const back = clusters.map((c) =>
      c.metadata.name === 'b' || c.metadata.name === 'c' ? heard(c.metadata.name, 100_000) : c,
    );
    expect(guard.assess(back, 100_000).map((t) => [t.paused, t.notReady])).toEqual([[false, 1]]);
  });

  it.each([0, -0.1, 1.01, Number.NaN])('refuses a threshold of %p', (threshold) => {
    expect(() => new MassFailureGuard({ unhealthyClusterThreshold: threshold })).toThrow(
      RangeError,
    );
  });
});
