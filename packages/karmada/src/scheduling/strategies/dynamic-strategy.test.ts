import fc from 'fast-check';
import { CycleState, type Binding, type Placement, type ScoredCluster } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { assignDynamically } from './dynamic-strategy';
import { RankedCandidatesCache } from './ranked-candidates';

const dynamic: Placement = {
  replicaScheduling: {
    type: 'Divided',
    division: 'DynamicWeight',
    dynamicWeight: 'AvailableReplicas',
  },
};

describe('assignDynamically', () => {
  it('gives the same placement through the class-wide ranking as through the full division (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 25 }),
        fc.nat({ max: 40 }),
        fc.boolean(),
        fc.string(),
        (free, replicas, aggregated, uid) => {
          const candidates: ScoredCluster[] = free.map((_, i) => ({
            cluster: makeCluster(`m${String(i).padStart(2, '0')}`).build(),
            score: 0,
          }));
          const availableReplicas = new Map(
            free.map((f, i) => [`m${String(i).padStart(2, '0')}`, f]),
          );
          const base = makeBinding('foo', {
            replicas,
            placement: dynamic,
            clusters: [{ name: 'gone', replicas: 0 }],
          });
          const binding: Binding = {
            ...base,
            spec: { ...base.spec, resource: { ...base.spec.resource, uid } },
          };
          const context = { availableReplicas, now: 0, state: new CycleState() };
          const cache = new RankedCandidatesCache();
          const shortcut = assignDynamically(binding, candidates, context, aggregated, cache);
          expect(assignDynamically(binding, candidates, context, aggregated, cache)).toEqual(
            shortcut,
          );
          expect(shortcut).toEqual(assignDynamically(binding, candidates, context, aggregated));
        },
      ),
    );
  });

  it('ranks a class once and reuses the ranking for every binding handed the same candidates and answer', () => {
    const cache = new RankedCandidatesCache();
    const candidates: ScoredCluster[] = [{ cluster: makeCluster('m1').build(), score: 0 }];
    const answer = new Map([['m1', 3]]);
    expect(cache.get(candidates, answer)).toBe(cache.get(candidates, answer));
    expect(cache.get(candidates, new Map([['m1', 3]]))).not.toBe(cache.get(candidates, answer));
    expect(cache.get(candidates, new Map())).toBeUndefined();
  });
});
