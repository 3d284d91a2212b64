import {
  CycleState,
  Scheduler,
  SchedulerFramework,
  Status,
  mergeProfiles,
  type Binding,
  type Cluster,
  type FilterPlugin,
  type Placement,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parsePlacement } from '../../../api/parse-policy';
import { DuplicatedStrategy } from '../../strategies/duplicated-strategy';
import { KARMADA_PLUGIN_REGISTRATIONS, KARMADA_SCHEDULER_PROFILE } from '../karmada-plugins';
import { clusterAffinityRegistration, type ClusterAffinity } from './cluster-affinity';

const plugin = clusterAffinityRegistration.factory(undefined, { now: () => 0 }) as ClusterAffinity;

const fleet: Cluster[] = [
  makeCluster('member1').labels({ env: 'prod' }).region('us-east').provider('aws').build(),
  makeCluster('member2').labels({ env: 'prod' }).region('eu-west').provider('gcp').build(),
  makeCluster('member3').labels({ env: 'dev' }).region('eu-west').zones('eu-west-1a').build(),
];

const withPlacement = (placement: Placement, status?: Binding['status']): Binding => ({
  ...makeBinding('foo', { placement }),
  ...(status ? { status } : {}),
});

function passing(binding: Binding): string[] {
  return fleet
    .filter((c) => plugin.filter(new CycleState(), binding, c).isSuccess())
    .map((c) => c.metadata.name);
}

describe('ClusterAffinity filter', () => {
  it.each<{ name: string; affinity: unknown; want: string[] }>([
    {
      name: 'no affinity selects every cluster',
      affinity: undefined,
      want: ['member1', 'member2', 'member3'],
    },
    {
      name: 'clusterNames selects those clusters',
      affinity: { clusterNames: ['member1', 'member3'] },
      want: ['member1', 'member3'],
    },
    {
      name: 'exclude wins over clusterNames',
      affinity: { clusterNames: ['member1', 'member3'], exclude: ['member1'] },
      want: ['member3'],
    },
    {
      name: 'a label selector selects by labels',
      affinity: { labelSelector: { matchLabels: { env: 'prod' } } },
      want: ['member1', 'member2'],
    },
    {
      name: 'a label expression selects by labels',
      affinity: {
        labelSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
      },
      want: ['member3'],
    },
    {
      name: 'a field selector selects by region',
      affinity: {
        fieldSelector: {
          matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west'] }],
        },
      },
      want: ['member2', 'member3'],
    },
    {
      name: 'a field selector NotIn on provider',
      affinity: {
        fieldSelector: {
          matchExpressions: [{ key: 'provider', operator: 'NotIn', values: ['aws'] }],
        },
      },
      want: ['member2', 'member3'],
    },
    {
      name: 'a field selector on zone',
      affinity: {
        fieldSelector: {
          matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu-west-1a'] }],
        },
      },
      want: ['member3'],
    },
    {
      name: 'every part must hold',
      affinity: {
        labelSelector: { matchLabels: { env: 'prod' } },
        fieldSelector: {
          matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west'] }],
        },
      },
      want: ['member2'],
    },
  ])('$name', ({ affinity, want }) => {
    expect(
      passing(
        withPlacement(parsePlacement(affinity === undefined ? {} : { clusterAffinity: affinity })),
      ),
    ).toEqual(want);
  });

  it('rejects with the Karmada reason', () => {
    const b = withPlacement(parsePlacement({ clusterAffinity: { clusterNames: ['member2'] } }));
    expect(plugin.filter(new CycleState(), b, fleet[0] as Cluster)).toEqual(
      Status.unschedulable('did not match the placement cluster affinity constraint'),
    );
  });

  it('uses the affinity group the last schedule used', () => {
    const placement = parsePlacement({
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: ['member1'] },
        { affinityName: 'backup', clusterNames: ['member2'] },
      ],
    });
    expect(passing(withPlacement(placement))).toEqual(['member1']);
    expect(passing(withPlacement(placement, { schedulerObservingAffinityName: 'backup' }))).toEqual(
      ['member2'],
    );
  });
});

describe('ClusterAffinity groups in a scheduling cycle', () => {
  const framework = new SchedulerFramework(
    KARMADA_PLUGIN_REGISTRATIONS,
    KARMADA_SCHEDULER_PROFILE,
    { now: () => 0 },
  );
  const scheduler = new Scheduler(framework, [new DuplicatedStrategy()], []);
  const placement = parsePlacement({
    clusterAffinities: [
      { affinityName: 'primary', clusterNames: ['member1'] },
      { affinityName: 'backup', clusterNames: ['member2', 'member3'] },
    ],
    clusterTolerations: [],
    replicaScheduling: { replicaSchedulingType: 'Duplicated' },
  });

  it('stays on the first group while it has a feasible cluster, and says so', async () => {
    const result = await scheduler.schedule(withPlacement(placement), fleet, 0);
    expect(result.ok && result.clusters.map((c) => c.name)).toEqual(['member1']);
    expect(result.ok && result.placementGroup).toBe('primary');
  });

  it('falls back to the next group when the first has no feasible cluster, and records it', async () => {
    const down = fleet.map((c) =>
      c.metadata.name === 'member1'
        ? {
            ...c,
            spec: {
              ...c.spec,
              taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' as const }],
            },
          }
        : c,
    );
    const result = await scheduler.schedule(withPlacement(placement), down, 0);
    expect(result.ok && result.clusters.map((c) => c.name)).toEqual(['member2', 'member3']);
    expect(result.ok && result.placementGroup).toBe('backup');
  });

  it('stays on the group it fell back to once that is recorded, even when the first is feasible again', async () => {
    const result = await scheduler.schedule(
      withPlacement(placement, { schedulerObservingAffinityName: 'backup', lastScheduledTime: 10 }),
      fleet,
      20,
    );
    expect(result.ok && result.clusters.map((c) => c.name)).toEqual(['member2', 'member3']);
    expect(result.ok && result.placementGroup).toBe('backup');
  });

  it('starts again from the first group when a reschedule is requested', async () => {
    const b = withPlacement(placement, {
      schedulerObservingAffinityName: 'backup',
      lastScheduledTime: 10,
    });
    const result = await scheduler.schedule(
      { ...b, spec: { ...b.spec, rescheduleTriggeredAt: 15 } },
      fleet,
      20,
    );
    expect(result.ok && result.clusters.map((c) => c.name)).toEqual(['member1']);
    expect(result.ok && result.placementGroup).toBe('primary');
  });

  it('records no affinity group for a plain clusterAffinity', async () => {
    const result = await scheduler.schedule(
      withPlacement(parsePlacement({ clusterAffinity: { clusterNames: ['member1'] } })),
      fleet,
      0,
    );
    expect(result.ok && result.placementGroup).toBeUndefined();
  });

  it('does not nominate clusters of the next group that another filter rejected', async () => {
    const down = fleet.map((c) =>
      c.metadata.name !== 'member3'
        ? {
            ...c,
            spec: {
              ...c.spec,
              taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' as const }],
            },
          }
        : c,
    );
    const result = await scheduler.schedule(withPlacement(placement), down, 0);
    expect(result.ok && result.clusters.map((c) => c.name)).toEqual(['member3']);
  });

  it('is unschedulable when no group has a feasible cluster, explaining every cluster', async () => {
    const down = fleet.map((c) => ({
      ...c,
      spec: {
        ...c.spec,
        taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' as const }],
      },
    }));
    const result = await scheduler.schedule(withPlacement(placement), down, 0);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.status.message()).toBe(
        '0/3 clusters are available: 3 cluster(s) had untolerated taint {cluster.karmada.io/not-ready: }.',
      );
    }
  });
});

describe("ClusterAffinity groups with a user's filter merged into the profile", () => {
  // Issue 12: mergeProfiles appends the user's filter after ClusterAffinity; the fallback
  // group's clusters must still pass it.
  const frozen: FilterPlugin = {
    name: 'Frozen',
    filter: (_s, _b, cluster) =>
      cluster.metadata.labels?.['frozen'] === 'true'
        ? Status.unschedulable('cluster is frozen')
        : Status.success,
  };
  const profile = mergeProfiles(KARMADA_SCHEDULER_PROFILE, {
    plugins: { filter: { enabled: [{ name: 'Frozen' }] } },
  });
  const framework = new SchedulerFramework(
    [...KARMADA_PLUGIN_REGISTRATIONS, { name: 'Frozen', factory: () => frozen }],
    profile,
    { now: () => 0 },
  );
  const scheduler = new Scheduler(framework, [new DuplicatedStrategy()], []);
  const members = [
    makeCluster('m1').taint({ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }).build(),
    makeCluster('m2').labels({ frozen: 'true' }).build(),
    makeCluster('m3').build(),
  ];
  const groups = (...terms: [string, string[]][]) =>
    withPlacement(
      parsePlacement({
        clusterAffinities: terms.map(([affinityName, clusterNames]) => ({
          affinityName,
          clusterNames,
        })),
        replicaScheduling: { replicaSchedulingType: 'Duplicated' },
      }),
    );

  it('runs ClusterAffinity last, after the filter the user appended', () => {
    expect(profile.plugins['filter']?.enabled?.map((e) => e.name).at(-1)).toBe('Frozen');
    expect(framework.pluginsAt('filter').map((e) => e.plugin.name)).toEqual([
      'ClusterEviction',
      'TaintToleration',
      'SpreadConstraint',
      'WorkloadAffinity',
      'WorkloadAntiAffinity',
      'Frozen',
      'ClusterAffinity',
    ]);
  });

  it('does not place on the backup group when the user filter rejects it: unschedulable', async () => {
    const result = await scheduler.schedule(
      groups(['primary', ['m1']], ['backup', ['m2']]),
      members,
      0,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.status.message()).toBe(
      '0/3 clusters are available: 1 cluster(s) cluster is frozen, 1 cluster(s) did not match the placement cluster affinity constraint, 1 cluster(s) had untolerated taint {cluster.karmada.io/not-ready: }.',
    );
  });

  it('goes on to a later group the user filter allows', async () => {
    const result = await scheduler.schedule(
      groups(['primary', ['m1']], ['backup', ['m2']], ['third', ['m3']]),
      members,
      0,
    );
    expect(result.ok && result.clusters).toEqual([{ name: 'm3', replicas: 1 }]);
    expect(result.ok && result.placementGroup).toBe('third');
  });

  it('does the same with the equivalence cache off', async () => {
    const plain = new Scheduler(framework, [new DuplicatedStrategy()], [], {
      equivalenceCache: false,
    });
    const two = await plain.schedule(groups(['primary', ['m1']], ['backup', ['m2']]), members, 0);
    expect(two.ok).toBe(false);
    const three = await plain.schedule(
      groups(['primary', ['m1']], ['backup', ['m2']], ['third', ['m3']]),
      members,
      0,
    );
    expect(three.ok && three.clusters).toEqual([{ name: 'm3', replicas: 1 }]);
  });
});
