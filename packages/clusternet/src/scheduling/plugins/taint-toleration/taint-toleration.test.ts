import {
  CycleState,
  SchedulerFramework,
  Status,
  type ClusterScore,
  type Toleration,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';
import { taintTolerationRegistration, type TaintToleration } from './taint-toleration';

const build = (args: unknown = undefined, now = 0) =>
  taintTolerationRegistration().factory(args, {
    now: () => now,
  }) as TaintToleration;
const sub = (tolerations: Toleration[] = []) =>
  makeBinding('s', {
    placement: { clusterTolerations: tolerations, replicaScheduling: { type: 'Duplicated' } },
  });
const KEY = 'clusters.clusternet.io/unschedulable';

describe('TaintToleration filter', () => {
  it.each([
    {
      name: 'a subscription without tolerations cannot go to a cluster with the unschedulable taint',
      cluster: makeCluster('c')
        .taint({ key: KEY, value: 'ClusterStatusUnknown', effect: 'NoSchedule' })
        .build(),
      tolerations: [],
      want: Status.unresolvable(
        `had taint {${KEY}: ClusterStatusUnknown}, that the subscription didn't tolerate`,
      ),
    },
    {
      name: 'a NoExecute taint rejects too',
      cluster: makeCluster('c').taint({ key: 'k', value: 'v', effect: 'NoExecute' }).build(),
      tolerations: [],
      want: Status.unresolvable("had taint {k: v}, that the subscription didn't tolerate"),
    },
    {
      name: 'a PreferNoSchedule taint does not reject',
      cluster: makeCluster('c').taint({ key: 'k', effect: 'PreferNoSchedule' }).build(),
      tolerations: [],
      want: Status.success,
    },
    {
      name: 'a subscription tolerating the key with Exists may go there',
      cluster: makeCluster('c')
        .taint({ key: KEY, value: 'ClusterStatusUnknown', effect: 'NoSchedule' })
        .build(),
      tolerations: [{ key: KEY, operator: 'Exists' as const }],
      want: Status.success,
    },
    {
      name: 'an untainted cluster is feasible',
      cluster: makeCluster('c').build(),
      tolerations: [],
      want: Status.success,
    },
  ])('$name', ({ cluster, tolerations, want }) => {
    expect(build().filter(new CycleState(), sub(tolerations), cluster)).toEqual(want);
  });

  it('with honorTolerationSeconds rejects once the toleration ran out', () => {
    const cluster = makeCluster('c')
      .taint({ key: KEY, value: 'x', effect: 'NoSchedule', timeAdded: 0 })
      .build();
    const binding = sub([{ key: KEY, operator: 'Exists', tolerationSeconds: 60 }]);
    expect(
      build({ honorTolerationSeconds: true }, 59_999)
        .filter(new CycleState(), binding, cluster)
        .isSuccess(),
    ).toBe(true);
    expect(
      build({ honorTolerationSeconds: true }, 60_000).filter(new CycleState(), binding, cluster)
        .code,
    ).toBe('UnschedulableAndUnresolvable');
    expect(build({}, 60_000).filter(new CycleState(), binding, cluster).isSuccess()).toBe(true);
  });

  it('refuses unknown args, reported by the framework at their pluginConfig entry', () => {
    expect(() => build({ honourTolerationSeconds: true })).toThrow(
      'honourTolerationSeconds: unknown field "honourTolerationSeconds"',
    );
    const profile = {
      schedulerName: 'test',
      plugins: { filter: { enabled: [{ name: CLUSTERNET_PLUGIN_NAMES.TaintToleration }] } },
      pluginConfig: [
        { name: CLUSTERNET_PLUGIN_NAMES.TaintToleration, args: { honourTolerationSeconds: true } },
      ],
    };
    expect(
      () => new SchedulerFramework([taintTolerationRegistration()], profile, { now: () => 0 }),
    ).toThrow(
      'pluginConfig[0].args.honourTolerationSeconds: unknown field "honourTolerationSeconds"',
    );
  });
});

describe('TaintToleration score', () => {
  it('prefers clusters with fewer untolerated PreferNoSchedule taints, normalized in reverse', () => {
    const plugin = build();
    const binding = sub([{ key: 'tolerated', effect: 'PreferNoSchedule', operator: 'Exists' }]);
    const clusters = [
      makeCluster('clean').build(),
      makeCluster('one')
        .taint({ key: 'a', effect: 'PreferNoSchedule' })
        .taint({ key: 'tolerated', effect: 'PreferNoSchedule' })
        .build(),
      makeCluster('two')
        .taint({ key: 'a', effect: 'PreferNoSchedule' })
        .taint({ key: 'b', effect: 'PreferNoSchedule' })
        .build(),
    ];
    const scores: ClusterScore[] = clusters.map((c) => ({
      name: c.metadata.name,
      score: plugin.score(new CycleState(), binding, c),
    }));
    expect(scores.map((s) => s.score)).toEqual([0, 1, 2]);
    expect(plugin.normalizeScore(new CycleState(), binding, scores)).toBe(Status.success);
    expect(scores.map((s) => s.score)).toEqual([100, 50, 0]);
  });

  it('gives every cluster the top score when none has such taints', () => {
    const scores: ClusterScore[] = [
      { name: 'a', score: 0 },
      { name: 'b', score: 0 },
    ];
    build().normalizeScore(new CycleState(), sub(), scores);
    expect(scores.map((s) => s.score)).toEqual([100, 100]);
  });
});

describe('TaintToleration equivalence', () => {
  const timed: Toleration[] = [{ key: KEY, operator: 'Exists', tolerationSeconds: 60 }];

  it('keys verdicts by the tolerations', () => {
    const plugin = build();
    expect(plugin.equivalenceKey(sub([{ key: KEY, operator: 'Exists' }]))).toBe(
      plugin.equivalenceKey(sub([{ key: KEY, operator: 'Exists' }])),
    );
    expect(plugin.equivalenceKey(sub([]))).not.toBe(
      plugin.equivalenceKey(sub([{ key: KEY, operator: 'Exists' }])),
    );
    expect(plugin.equivalenceKey(sub(timed))).toBeDefined();
  });

  it('shares nothing when an honoured tolerationSeconds makes the verdict depend on the time', () => {
    expect(build({ honorTolerationSeconds: true }).equivalenceKey(sub(timed))).toBeUndefined();
    expect(
      build({ honorTolerationSeconds: true }).equivalenceKey(
        sub([{ key: KEY, operator: 'Exists' }]),
      ),
    ).toBeDefined();
  });
});
