import {
  CycleState,
  type AssignContext,
  type Cluster,
  type ScoredCluster,
  type SpreadConstraint,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { selectClusters } from './select-clusters';

const scored = (cluster: Cluster, score = 0): ScoredCluster => ({ cluster, score });

const fleet: ScoredCluster[] = [
  scored(makeCluster('a1').region('us').build(), 100),
  scored(makeCluster('a2').region('us').build()),
  scored(makeCluster('b1').region('eu').build()),
  scored(makeCluster('c1').region('ap').build()),
];

function binding(spreadConstraints: SpreadConstraint[], replicas = 2) {
  const b = makeBinding('foo', { replicas });
  return { ...b, spec: { ...b.spec, placement: { ...b.spec.placement, spreadConstraints } } };
}

const context = (available: Record<string, number>): AssignContext => ({
  availableReplicas: new Map(Object.entries(available)),
  now: 0,
  state: new CycleState(),
});
const names = (s: { clusters?: readonly ScoredCluster[] }): string[] | undefined =>
  s.clusters?.map((c) => c.cluster.metadata.name);

describe('selectClusters', () => {
  it.each<{
    name: string;
    constraints: SpreadConstraint[];
    available: Record<string, number>;
    divided?: boolean;
    replicas?: number;
    want: string[] | string;
  }>([
    {
      name: 'without constraints every candidate stays',
      constraints: [],
      available: {},
      want: ['a1', 'a2', 'b1', 'c1'],
    },
    {
      name: 'maxGroups by cluster keeps the best-scored clusters, then the roomiest',
      constraints: [{ spreadByField: 'cluster', maxGroups: 2, minGroups: 1 }],
      available: { a1: 1, a2: 1, b1: 5, c1: 3 },
      want: ['a1', 'b1'],
    },
    {
      name: 'too few clusters for minGroups is an error',
      constraints: [{ spreadByField: 'cluster', minGroups: 5 }],
      available: {},
      want: 'the number of feasible clusters (4) is less than minGroups 5',
    },
    {
      // Duplicated: a region scores 1000 per cluster able to hold every replica; us has none.
      name: 'by region: the regions whose clusters can hold the replicas, each with its best cluster first',
      constraints: [
        { spreadByField: 'region', minGroups: 2, maxGroups: 2 },
        { spreadByField: 'cluster', minGroups: 2, maxGroups: 2 },
      ],
      available: { a1: 1, a2: 1, b1: 5, c1: 3 },
      want: ['c1', 'b1'],
    },
    {
      name: 'by region: the best-scored region when all of them can hold the replicas',
      constraints: [
        { spreadByField: 'region', minGroups: 1, maxGroups: 1 },
        { spreadByField: 'cluster', minGroups: 1, maxGroups: 2 },
      ],
      available: { a1: 5, a2: 5, b1: 5, c1: 5 },
      want: ['a1', 'a2'],
    },
    {
      name: 'too few regions for minGroups is an error',
      constraints: [
        { spreadByField: 'region', minGroups: 4 },
        { spreadByField: 'cluster', minGroups: 1 },
      ],
      available: {},
      want: 'the number of feasible region groups (3) is less than minGroups 4',
    },
    {
      name: 'a divided binding swaps the weakest pick for a roomier cluster until the replicas fit',
      constraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }],
      available: { a1: 1, a2: 1, b1: 2, c1: 10 },
      divided: true,
      replicas: 8,
      want: ['a1', 'c1'],
    },
    {
      name: 'a divided binding that cannot fit even after swapping is an error',
      constraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }],
      available: { a1: 1, a2: 1, b1: 2, c1: 3 },
      divided: true,
      replicas: 8,
      want: 'the selected clusters can hold 3 of 8 replicas',
    },
  ])('$name', ({ constraints, available, divided, replicas, want }) => {
    const result = selectClusters(
      binding(constraints, replicas),
      fleet,
      context(available),
      divided ?? false,
    );
    if (typeof want === 'string') expect(result.error).toBe(want);
    else expect(names(result)).toEqual(want);
  });

  it('searches region combinations that hold the cluster minGroups where the best-ranked regions do not', () => {
    // us and eu have the best clusters but one each; three clusters are needed.
    const regions: ScoredCluster[] = [
      scored(makeCluster('u1').region('us').build(), 100),
      scored(makeCluster('e1').region('eu').build(), 50),
      scored(makeCluster('p1').region('ap').build()),
      scored(makeCluster('p2').region('ap').build()),
      scored(makeCluster('p3').region('ap').build()),
    ];
    const constraints: SpreadConstraint[] = [
      { spreadByField: 'region', minGroups: 1, maxGroups: 2 },
      { spreadByField: 'cluster', minGroups: 3, maxGroups: 3 },
    ];
    const result = selectClusters(binding(constraints, 1), regions, context({}), false);
    // Karmada prefers the single region ap over {ap, us}: fewer groups for the same best one.
    expect(names(result)).toEqual(['p1', 'p2', 'p3']);
  });

  it('says when no combination of groups holds the cluster minGroups', () => {
    const constraints: SpreadConstraint[] = [
      { spreadByField: 'region', minGroups: 1, maxGroups: 2 },
      { spreadByField: 'cluster', minGroups: 4, maxGroups: 4 },
    ];
    expect(selectClusters(binding(constraints), fleet, context({}), false).error).toBe(
      "no 1 to 2 region groups hold the 4 clusters of the cluster constraint's minGroups",
    );
  });
});
