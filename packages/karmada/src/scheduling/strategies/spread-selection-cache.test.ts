import {
  CycleState,
  type AssignContext,
  type Binding,
  type Cluster,
  type ScoredCluster,
  type SpreadConstraint,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { selectClusters } from './select-clusters';
import { SpreadSelectionCache } from './spread-selection-cache';

const scored = (cluster: Cluster, score = 0): ScoredCluster => ({ cluster, score });

const fleet: ScoredCluster[] = [
  scored(makeCluster('a1').region('us').build(), 100),
  scored(makeCluster('a2').region('us').build()),
  scored(makeCluster('b1').region('eu').build()),
  scored(makeCluster('b2').region('eu').build()),
  scored(makeCluster('c1').region('ap').build()),
];

const byRegion: SpreadConstraint[] = [
  { spreadByField: 'region', minGroups: 1, maxGroups: 2 },
  { spreadByField: 'cluster', minGroups: 2, maxGroups: 3 },
];
/** The best two clusters, so the room order is easy to follow. */
const twoClusters: SpreadConstraint[] = [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }];

function binding(
  replicas: number,
  clusters?: Binding['spec']['clusters'],
  constraints = twoClusters,
): Binding {
  const b = makeBinding(`app-${replicas}`, { replicas });
  return {
    ...b,
    spec: {
      ...b.spec,
      ...(clusters ? { clusters } : {}),
      placement: { ...b.spec.placement, spreadConstraints: constraints },
    },
  };
}

const context = (available: Record<string, number>): AssignContext => ({
  availableReplicas: new Map(Object.entries(available)),
  now: 0,
  state: new CycleState(),
});
const names = (s: { clusters?: readonly ScoredCluster[]; error?: string }) =>
  s.clusters?.map((c) => c.cluster.metadata.name) ?? s.error;

describe('SpreadSelectionCache', () => {
  const room = context({ a1: 1, a2: 2, b1: 6, b2: 3, c1: 4 });

  it('selects as selectClusters does for every replica count, divided or not, in any order', () => {
    const cache = new SpreadSelectionCache();
    for (const constraints of [byRegion, twoClusters])
      for (const divided of [true, false])
        for (const replicas of [9, 1, 4, 12, 2, 9, 1, 30]) {
          const b = binding(replicas, undefined, constraints);
          expect(names(cache.select(b, fleet, room, divided))).toEqual(
            names(selectClusters(b, fleet, room, divided)),
          );
        }
  });

  it('shares one selection between bindings of a class and not across replica counts', () => {
    const cache = new SpreadSelectionCache();
    const first = cache.select(binding(3), fleet, room, true);
    expect(cache.select({ ...binding(3), metadata: { name: 'other' } }, fleet, room, true)).toBe(
      first,
    );
    expect(cache.select(binding(4), fleet, room, true)).not.toBe(first);
  });

  it('selects a binding that holds replicas with its own room', () => {
    const cache = new SpreadSelectionCache();
    const even = context({ a1: 1, a2: 2, b1: 3, b2: 3, c1: 3 });
    // b1 and b2 tie on room and score, so the name decides; holding 5 on b2 puts b2 first.
    expect(names(cache.select(binding(2), fleet, even, true))).toEqual(['a1', 'b1']);
    const holder = binding(2, [{ name: 'b2', replicas: 5 }]);
    expect(names(cache.select(holder, fleet, even, true))).toEqual(['a1', 'b2']);
    expect(names(selectClusters(holder, fleet, even, true))).toEqual(['a1', 'b2']);
  });

  it('ranks candidates without a capacity answer by each replica count', () => {
    const cache = new SpreadSelectionCache();
    // c1 has no answer, so its room is the binding's replica count.
    const partial = context({ a1: 1, a2: 2, b1: 6, b2: 3 });
    for (const replicas of [2, 10, 2])
      expect(names(cache.select(binding(replicas), fleet, partial, true))).toEqual(
        names(selectClusters(binding(replicas), fleet, partial, true)),
      );
    expect(names(cache.select(binding(10), fleet, partial, true))).toEqual(['a1', 'c1']);
  });

  it('selects again for a new candidate list or capacity answer', () => {
    const cache = new SpreadSelectionCache();
    expect(names(cache.select(binding(2), fleet, room, true))).toEqual(['a1', 'b1']);
    const rescored = fleet.map((c) =>
      c.cluster.metadata.name === 'c1' ? { ...c, score: 200 } : c,
    );
    expect(names(cache.select(binding(2), rescored, room, true))).toEqual(['c1', 'a1']);
    const fuller = context({ a1: 1, a2: 2, b1: 0, b2: 0, c1: 4 });
    expect(names(cache.select(binding(2), fleet, fuller, true))).toEqual(
      names(selectClusters(binding(2), fleet, fuller, true)),
    );
  });
});
