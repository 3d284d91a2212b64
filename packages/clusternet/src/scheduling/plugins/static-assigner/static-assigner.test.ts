import { CycleState, Status, type Cluster, type ScoredCluster } from '@lifeboat/core';
import fc from 'fast-check';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseSubscription } from '../../../api/parse-subscription';
import { StaticAssigner } from './static-assigner';

const scored = (...clusters: Cluster[]): ScoredCluster[] =>
  clusters.map((cluster) => ({ cluster, score: 0 }));
const context = { availableReplicas: new Map<string, number>(), now: 0 };
const c = (name: string, labels: Record<string, string>) =>
  makeCluster(name).labels(labels).build();

function dividing(
  replicas: number,
  subscribers: { labels: Record<string, string>; weight: number }[],
) {
  const { placement } = parseSubscription({
    schedulingStrategy: 'Dividing',
    subscribers: subscribers.map((s) => ({
      clusterAffinity: { matchLabels: s.labels },
      weight: s.weight,
    })),
  });
  return makeBinding('s', { replicas, placement });
}

describe('StaticAssigner', () => {
  it.each([
    {
      name: 'weights 6, 5 and 1 with 2 replicas give 2, 0, 0',
      binding: dividing(2, [
        { labels: { n: 'a' }, weight: 6 },
        { labels: { n: 'b' }, weight: 5 },
        { labels: { n: 'c' }, weight: 1 },
      ]),
      want: [2, 0, 0],
    },
    {
      name: 'a cluster two subscribers select sums their weights',
      binding: dividing(6, [
        { labels: { env: 'prod' }, weight: 1 },
        { labels: { n: 'a' }, weight: 1 },
      ]),
      want: [4, 1, 1],
    },
    {
      name: "weights 1 and 2 give the tutorial's 2 and 4",
      binding: dividing(6, [
        { labels: { n: 'b' }, weight: 2 },
        { labels: { n: 'a' }, weight: 1 },
      ]),
      want: [2, 4, 0],
    },
  ])('$name', ({ binding, want }) => {
    const candidates = scored(
      c('a', { n: 'a', env: 'prod' }),
      c('b', { n: 'b', env: 'prod' }),
      c('c', { n: 'c', env: 'prod' }),
    );
    const result = new StaticAssigner().assign(new CycleState(), binding, candidates, context);
    expect(result.clusters?.map((t) => t.replicas)).toEqual(want);
    expect(result.clusters?.map((t) => t.name)).toEqual(['a', 'b', 'c']);
  });

  it('re-divides over the surviving clusters from scratch', () => {
    const binding = {
      ...dividing(6, [{ labels: { env: 'prod' }, weight: 1 }]),
      spec: {
        ...dividing(6, [{ labels: { env: 'prod' }, weight: 1 }]).spec,
        clusters: [
          { name: 'b', replicas: 2 },
          { name: 'c', replicas: 2 },
        ],
      },
    };
    const result = new StaticAssigner().assign(
      new CycleState(),
      binding,
      scored(c('b', { env: 'prod' }), c('c', { env: 'prod' })),
      context,
    );
    expect(result.clusters).toEqual([
      { name: 'b', replicas: 3 },
      { name: 'c', replicas: 3 },
    ]);
  });

  it('is unschedulable when no positive weight selects a candidate', () => {
    const result = new StaticAssigner().assign(
      new CycleState(),
      dividing(3, [{ labels: { n: 'z' }, weight: 1 }]),
      scored(c('a', {})),
      context,
    );
    expect(result.status).toEqual(
      Status.unschedulable('no subscriber with a positive weight selects a feasible cluster'),
    );
  });

  it('skips replication', () => {
    expect(
      new StaticAssigner().assign(new CycleState(), makeBinding('r'), scored(c('a', {})), context)
        .status,
    ).toBe(Status.skip);
  });
});

describe('StaticAssigner properties', () => {
  it('places exactly the desired replicas over any surviving set with a positive weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(10), { minLength: 1, maxLength: 12 }),
        fc.nat(500),
        fc.nat(11),
        (weights, replicas, failed) => {
          const subscribers = weights.map((w, i) => ({ labels: { n: `c${i}` }, weight: w }));
          fc.pre(weights.some((w, i) => w > 0 && i !== failed));
          const binding = dividing(replicas, subscribers);
          const survivors = weights
            .map((_, i) => c(`c${i}`, { n: `c${i}` }))
            .filter((_, i) => i !== failed);
          const result = new StaticAssigner().assign(
            new CycleState(),
            binding,
            scored(...survivors),
            context,
          );
          expect((result.clusters ?? []).reduce((a, t) => a + t.replicas, 0)).toBe(replicas);
          expect(result.clusters?.some((t) => t.name === `c${failed}`)).toBe(false);
        },
      ),
    );
  });
});

describe('StaticAssigner sharing one candidate list', () => {
  it('divides each binding by its own rules and replicas when bindings pass the same list', () => {
    const assigner = new StaticAssigner();
    const candidates = scored(c('a', { n: 'a' }), c('b', { n: 'b' }), c('c', { n: 'c' }));
    const heavyA = [
      { labels: { n: 'a' }, weight: 3 },
      { labels: { n: 'b' }, weight: 1 },
    ];
    const heavyC = [
      { labels: { n: 'c' }, weight: 3 },
      { labels: { n: 'b' }, weight: 1 },
    ];
    const replicas = (binding: ReturnType<typeof dividing>) =>
      assigner
        .assign(new CycleState(), binding, candidates, context)
        .clusters?.map((t) => t.replicas);
    expect(replicas(dividing(4, heavyA))).toEqual([3, 1, 0]);
    expect(replicas(dividing(4, heavyC))).toEqual([0, 1, 3]);
    expect(replicas(dividing(8, heavyA))).toEqual([6, 2, 0]);
    expect(replicas(dividing(4, heavyA))).toEqual([3, 1, 0]);
    expect(
      assigner.assign(
        new CycleState(),
        dividing(4, [{ labels: { n: 'z' }, weight: 3 }]),
        candidates,
        context,
      ).status,
    ).toEqual(
      Status.unschedulable('no subscriber with a positive weight selects a feasible cluster'),
    );
  });
});
