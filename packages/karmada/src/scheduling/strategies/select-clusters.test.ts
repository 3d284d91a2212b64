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
      name: 'by region: the best regions, each with its best cluster first',
      constraints: [
        { spreadByField: 'region', minGroups: 2, maxGroups: 2 },
        { spreadByField: 'cluster', minGroups: 2, maxGroups: 2 },
      ],
      available: { a1: 1, a2: 1, b1: 5, c1: 3 },
      want: ['a1', 'b1'],
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
});
