import { CycleState, Status, type ScoredCluster, type TargetCluster } from '@lifeboat/core';
import fc from 'fast-check';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { DynamicAssigner } from './dynamic-assigner';

const placement = {
  replicaScheduling: {
    type: 'Divided' as const,
    division: 'DynamicWeight' as const,
    dynamicWeight: 'AvailableReplicas' as const,
  },
};
const candidates = (...names: string[]): ScoredCluster[] =>
  names.map((n) => ({ cluster: makeCluster(n).build(), score: 0 }));

function run(
  replicas: number,
  clusters: TargetCluster[],
  names: string[],
  available: Record<string, number>,
) {
  const binding = makeBinding('d', { replicas, placement, clusters });
  const plugin = new DynamicAssigner();
  const state = new CycleState();
  const context = { availableReplicas: new Map(Object.entries(available)), now: 0 };
  expect(plugin.preAssign(state, binding)).toBe(Status.success);
  return plugin.assign(state, binding, candidates(...names), context);
}

describe('DynamicAssigner', () => {
  it.each<{
    name: string;
    replicas: number;
    current: TargetCluster[];
    names: string[];
    available: Record<string, number>;
    want: TargetCluster[];
  }>([
    {
      name: 'a new binding spreads over predicted capacity (3, 6, 9 take 1, 2, 3 of 6)',
      replicas: 6,
      current: [],
      names: ['a', 'b', 'c'],
      available: { a: 3, b: 6, c: 9 },
      want: [
        { name: 'a', replicas: 1 },
        { name: 'b', replicas: 2 },
        { name: 'c', replicas: 3 },
      ],
    },
    {
      name: 'small targets follow the largest remainders',
      replicas: 2,
      current: [],
      names: ['a', 'b', 'c'],
      available: { a: 3, b: 6, c: 9 },
      want: [
        { name: 'b', replicas: 1 },
        { name: 'c', replicas: 1 },
      ],
    },
    {
      name: 'the replicas of an evicted cluster go to the survivors without moving theirs',
      replicas: 6,
      current: [
        { name: 'b', replicas: 2 },
        { name: 'c', replicas: 2 },
      ],
      names: ['b', 'c'],
      available: { b: 1, c: 5 },
      want: [
        { name: 'b', replicas: 2 },
        { name: 'c', replicas: 4 },
      ],
    },
    {
      name: 'a scale-down takes from the bound clusters by their replicas',
      replicas: 3,
      current: [
        { name: 'a', replicas: 2 },
        { name: 'b', replicas: 4 },
      ],
      names: ['a', 'b'],
      available: {},
      want: [
        { name: 'a', replicas: 1 },
        { name: 'b', replicas: 2 },
      ],
    },
    {
      name: 'an unpredicted cluster may take the whole deviation',
      replicas: 4,
      current: [],
      names: ['a', 'b'],
      available: { a: 0 },
      want: [{ name: 'b', replicas: 4 }],
    },
    {
      name: 'more replicas than capacity fill what there is',
      replicas: 10,
      current: [],
      names: ['a', 'b'],
      available: { a: 1, b: 2 },
      want: [
        { name: 'a', replicas: 1 },
        { name: 'b', replicas: 2 },
      ],
    },
  ])('$name', ({ replicas, current, names, available, want }) => {
    expect(run(replicas, current, names, available).clusters).toEqual(want);
  });

  it('skips static dividing', () => {
    const binding = makeBinding('s', {
      placement: {
        replicaScheduling: { type: 'Divided', division: 'StaticWeight', staticWeightList: [] },
      },
    });
    expect(new DynamicAssigner().preAssign(new CycleState(), binding)).toBe(Status.skip);
    expect(
      new DynamicAssigner().assign(new CycleState(), binding, [], {
        availableReplicas: new Map(),
        now: 0,
      }).status,
    ).toBe(Status.skip);
  });

  it('reports a profile that enables assign without preAssign as an error', () => {
    const result = new DynamicAssigner().assign(
      new CycleState(),
      makeBinding('d', { placement }),
      candidates('a'),
      { availableReplicas: new Map(), now: 0 },
    );
    expect(result.status?.code).toBe('Error');
  });
});

describe('DynamicAssigner properties', () => {
  it('places every replica the capacity allows, never more than a cluster can take, keeping what survivors hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ capacity: fc.nat(50), held: fc.nat(5) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.nat(200),
        (clusters, extra) => {
          const names = clusters.map((_, i) => `c${i}`);
          const current = clusters.map((c, i) => ({ name: names[i] as string, replicas: c.held }));
          const held = current.reduce((a, t) => a + t.replicas, 0);
          const replicas = held + extra;
          const available = Object.fromEntries(clusters.map((c, i) => [names[i], c.capacity]));
          const result = run(replicas, current, names, available).clusters ?? [];
          const total = result.reduce((a, t) => a + t.replicas, 0);
          const capacity = clusters.reduce((a, c) => a + c.capacity, 0);
          expect(total).toBe(held + Math.min(extra, capacity));
          result.forEach((t, i) => {
            expect(t.replicas).toBeGreaterThanOrEqual(clusters[i]?.held as number);
            expect(t.replicas - (clusters[i]?.held as number)).toBeLessThanOrEqual(
              clusters[i]?.capacity as number,
            );
          });
        },
      ),
    );
  });
});

describe('DynamicAssigner sharing one candidate list and capacity answer', () => {
  it('divides each binding by its own deviation and keeps what each one already holds', () => {
    const plugin = new DynamicAssigner();
    const shared = candidates('a', 'b', 'c');
    const context = { availableReplicas: new Map(Object.entries({ a: 3, b: 6, c: 9 })), now: 0 };
    const assign = (replicas: number, clusters: TargetCluster[] = []) => {
      const binding = makeBinding('d', { replicas, placement, clusters });
      const state = new CycleState();
      plugin.preAssign(state, binding);
      return plugin.assign(state, binding, shared, context).clusters;
    };
    const six = [
      { name: 'a', replicas: 1 },
      { name: 'b', replicas: 2 },
      { name: 'c', replicas: 3 },
    ];
    expect(assign(6)).toEqual(six);
    expect(assign(12)).toEqual([
      { name: 'a', replicas: 2 },
      { name: 'b', replicas: 4 },
      { name: 'c', replicas: 6 },
    ]);
    expect(assign(7, [{ name: 'c', replicas: 1 }])).toEqual([
      { name: 'c', replicas: 4 },
      { name: 'a', replicas: 1 },
      { name: 'b', replicas: 2 },
    ]);
    expect(assign(6)).toEqual(six);
  });
});
