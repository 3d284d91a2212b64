import fc from 'fast-check';
import { divideByStaticWeight } from './static-weight-division';

describe('divideByStaticWeight', () => {
  it.each([
    {
      name: '9 replicas at 1:2 give 3 and 6',
      replicas: 9,
      weights: { m1: 1, m2: 2 },
      want: [
        { name: 'm1', replicas: 3 },
        { name: 'm2', replicas: 6 },
      ],
    },
    {
      name: '9 replicas at 1:3 give 2 and 7',
      replicas: 9,
      weights: { m1: 1, m2: 3 },
      want: [
        { name: 'm1', replicas: 2 },
        { name: 'm2', replicas: 7 },
      ],
    },
    {
      name: '12 replicas at 6:12:18 give 2, 4 and 6',
      replicas: 12,
      weights: { m1: 6, m2: 12, m3: 18 },
      want: [
        { name: 'm1', replicas: 2 },
        { name: 'm2', replicas: 4 },
        { name: 'm3', replicas: 6 },
      ],
    },
    {
      name: 'a cluster with weight 0 is left out',
      replicas: 4,
      weights: { m1: 0, m2: 1, m3: 1 },
      want: [
        { name: 'm2', replicas: 2 },
        { name: 'm3', replicas: 2 },
      ],
    },
    {
      name: 'when every weight is 0 each cluster counts 1',
      replicas: 4,
      weights: { m1: 0, m2: 0 },
      want: [
        { name: 'm1', replicas: 2 },
        { name: 'm2', replicas: 2 },
      ],
    },
    {
      name: 'after an eviction the others share by weight (1:2, 3 replicas, m1 gone)',
      replicas: 3,
      weights: { m2: 2 },
      want: [{ name: 'm2', replicas: 3 }],
    },
    {
      name: 'clusters that get no replica are dropped',
      replicas: 1,
      weights: { m1: 1, m2: 5 },
      want: [{ name: 'm2', replicas: 1 }],
    },
  ])('$name', ({ replicas, weights, want }) => {
    const candidates = Object.entries(weights).map(([name, weight]) => ({ name, weight }));
    expect(divideByStaticWeight(replicas, candidates, 'uid')).toEqual(want);
  });

  it('sums to the target and gives weight-0 clusters nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 6 }),
        fc.nat({ max: 500 }),
        (weights, replicas) => {
          const candidates = weights.map((weight, i) => ({ name: `m${i}`, weight }));
          const result = divideByStaticWeight(replicas, candidates, 'uid');
          expect(result.reduce((s, t) => s + t.replicas, 0)).toBe(replicas);
          if (weights.some((w) => w > 0))
            for (const t of result) expect(weights[Number(t.name.slice(1))]).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('after an eviction no surviving cluster loses replicas, so recomputing from scratch is steady (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 6 }),
        fc.nat({ max: 300 }),
        fc.nat({ max: 5 }),
        fc.string(),
        (weights, replicas, gone, key) => {
          const candidates = weights.map((weight, i) => ({ name: `m${i}`, weight }));
          const evicted = `m${gone % weights.length}`;
          const before = new Map(
            divideByStaticWeight(replicas, candidates, key).map((t) => [t.name, t.replicas]),
          );
          const after = divideByStaticWeight(
            replicas,
            candidates.filter((c) => c.name !== evicted),
            key,
          );
          for (const t of after) expect(t.replicas).toBeGreaterThanOrEqual(before.get(t.name) ?? 0);
          for (const [name, n] of before)
            if (name !== evicted)
              expect(after.find((t) => t.name === name)?.replicas ?? 0).toBeGreaterThanOrEqual(n);
        },
      ),
    );
  });
});
