import {
  CycleState,
  Status,
  type AssignContext,
  type Binding,
  type Cluster,
  type Placement,
  type ScoredCluster,
  type SchedulingStrategy,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parsePlacement } from '../../api/parse-policy';
import { AggregatedStrategy } from './aggregated-strategy';
import { DuplicatedStrategy } from './duplicated-strategy';
import { DynamicWeightStrategy } from './dynamic-weight-strategy';
import { StaticWeightStrategy } from './static-weight-strategy';

const strategies: SchedulingStrategy[] = [
  new DuplicatedStrategy(),
  new StaticWeightStrategy(),
  new DynamicWeightStrategy(),
  new AggregatedStrategy(),
];

const placements: Record<string, Placement> = {
  Duplicated: parsePlacement({ replicaScheduling: { replicaSchedulingType: 'Duplicated' } }),
  'none (Duplicated)': parsePlacement({}),
  StaticWeight: parsePlacement({ replicaScheduling: { replicaSchedulingType: 'Divided' } }),
  DynamicWeight: parsePlacement({
    replicaScheduling: { weightPreference: { dynamicWeight: 'AvailableReplicas' } },
  }),
  Aggregated: parsePlacement({ replicaScheduling: { replicaDivisionPreference: 'Aggregated' } }),
};

const candidates = (...clusters: Cluster[]): ScoredCluster[] =>
  clusters.map((cluster) => ({ cluster, score: 0 }));
const context = (available: Record<string, number>): AssignContext => ({
  availableReplicas: new Map(Object.entries(available)),
  now: 1000,
  state: new CycleState(),
});
const foo = (
  placement: Placement,
  replicas: number,
  clusters?: { name: string; replicas: number }[],
): Binding => makeBinding('foo', { replicas, placement, ...(clusters ? { clusters } : {}) });

describe('strategy selection by placement.replicaScheduling', () => {
  it.each([
    { placement: 'Duplicated', want: 'Duplicated' },
    { placement: 'none (Duplicated)', want: 'Duplicated' },
    { placement: 'StaticWeight', want: 'StaticWeight' },
    { placement: 'DynamicWeight', want: 'DynamicWeight' },
    { placement: 'Aggregated', want: 'Aggregated' },
  ])('a $placement placement is divided by exactly the $want strategy', ({ placement, want }) => {
    const b = foo(placements[placement] as Placement, 1);
    expect(strategies.filter((s) => s.appliesTo(b)).map((s) => s.name)).toEqual([want]);
  });
});

describe('the strategies', () => {
  const [m1, m2, m3] = ['member1', 'member2', 'member3'].map((n) => makeCluster(n).build()) as [
    Cluster,
    Cluster,
    Cluster,
  ];

  it('Duplicated gives every cluster all replicas', () => {
    expect(
      new DuplicatedStrategy().assign(
        foo(placements.Duplicated as Placement, 3),
        candidates(m2, m1),
        context({}),
      ),
    ).toEqual({
      clusters: [
        { name: 'member1', replicas: 3 },
        { name: 'member2', replicas: 3 },
      ],
    });
  });

  it('StaticWeight takes each cluster weight from the largest matching rule', () => {
    const placement = parsePlacement({
      replicaScheduling: {
        weightPreference: {
          staticWeightList: [
            { targetCluster: { clusterNames: ['member1', 'member2'] }, weight: 1 },
            { targetCluster: { clusterNames: ['member2'] }, weight: 2 },
          ],
        },
      },
    });
    expect(new StaticWeightStrategy().assign(foo(placement, 9), candidates(m1, m2, m3))).toEqual({
      clusters: [
        { name: 'member1', replicas: 3 },
        { name: 'member2', replicas: 6 },
      ],
    });
  });

  it('DynamicWeight places the missing replicas by free capacity, keeping the survivors', () => {
    const b = foo(placements.DynamicWeight as Placement, 2, [
      { name: 'member1', replicas: 1 },
      { name: 'member2', replicas: 1 },
    ]);
    expect(
      new DynamicWeightStrategy().assign(
        b,
        candidates(m2, m3),
        context({ member2: 1, member3: 5 }),
      ),
    ).toEqual({
      clusters: [
        { name: 'member2', replicas: 1 },
        { name: 'member3', replicas: 1 },
      ],
    });
  });

  it('DynamicWeight treats a cluster no estimator bounds as able to take the whole workload', () => {
    expect(
      new DynamicWeightStrategy().assign(
        foo(placements.DynamicWeight as Placement, 4),
        candidates(m1, m2),
        context({}),
      ),
    ).toEqual({
      clusters: [
        { name: 'member1', replicas: 2 },
        { name: 'member2', replicas: 2 },
      ],
    });
  });

  it('DynamicWeight is unschedulable when capacity is short', () => {
    expect(
      new DynamicWeightStrategy().assign(
        foo(placements.DynamicWeight as Placement, 4),
        candidates(m1, m2),
        context({ member1: 1, member2: 1 }),
      ),
    ).toEqual({
      status: Status.unschedulable('Clusters available replicas 2 are not enough to schedule'),
    });
  });

  it('Aggregated fills the roomiest cluster first', () => {
    expect(
      new AggregatedStrategy().assign(
        foo(placements.Aggregated as Placement, 4),
        candidates(m1, m2, m3),
        context({ member1: 3, member2: 8, member3: 5 }),
      ),
    ).toEqual({
      clusters: [{ name: 'member2', replicas: 4 }],
    });
  });

  it('a requested reschedule (rescheduleTriggeredAt after the last schedule) re-divides from scratch', () => {
    const b = foo(placements.DynamicWeight as Placement, 4, [{ name: 'member1', replicas: 4 }]);
    const triggered: Binding = {
      ...b,
      spec: { ...b.spec, rescheduleTriggeredAt: 500 },
      status: { lastScheduledTime: 100 },
    };
    expect(
      new DynamicWeightStrategy().assign(
        triggered,
        candidates(m1, m2),
        context({ member1: 0, member2: 4 }),
      ),
    ).toEqual({
      clusters: [
        { name: 'member1', replicas: 2 },
        { name: 'member2', replicas: 2 },
      ],
    });
    const steady: Binding = { ...triggered, status: { lastScheduledTime: 900 } };
    expect(
      new DynamicWeightStrategy().assign(
        steady,
        candidates(m1, m2),
        context({ member1: 0, member2: 4 }),
      ),
    ).toEqual({ clusters: [{ name: 'member1', replicas: 4 }] });
  });
});
