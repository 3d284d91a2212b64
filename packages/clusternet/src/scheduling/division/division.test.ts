import fc from 'fast-check';
import { dynamicDivide } from './dynamic-divide';
import { staticDivide } from './static-divide';

describe('staticDivide', () => {
  it.each([
    {
      name: 'weights 1 and 2 split 6 replicas as the tutorial shows',
      weights: [1, 2],
      replicas: 6,
      want: [2, 4],
    },
    {
      name: 'equal weights give the leftover to the earlier clusters',
      weights: [1, 1, 1],
      replicas: 10,
      want: [4, 3, 3],
    },
    {
      name: 'leftovers go to the highest weights, not the largest remainders',
      weights: [6, 5, 1],
      replicas: 2,
      want: [2, 0, 0],
    },
    { name: 'a weight-zero cluster gets nothing', weights: [0, 3], replicas: 4, want: [0, 4] },
    { name: 'all weights zero divide nothing', weights: [0, 0], replicas: 4, want: [0, 0] },
    { name: 'zero replicas give zeros', weights: [2, 1], replicas: 0, want: [0, 0] },
    { name: 'no clusters give an empty division', weights: [], replicas: 3, want: [] },
    {
      name: 'a huge product is still exact',
      weights: [2_147_483_647, 1],
      replicas: 2_147_483_647,
      want: [2_147_483_647, 0],
    },
  ])('$name', ({ weights, replicas, want }) => {
    expect(staticDivide(weights, replicas)).toEqual(want);
  });

  it('sums to the target whenever some weight is positive', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }),
        fc.nat(10_000),
        (weights, replicas) => {
          fc.pre(weights.some((w) => w > 0));
          const result = staticDivide(weights, replicas);
          expect(result.reduce((a, r) => a + r, 0)).toBe(replicas);
          weights.forEach((w, i) => {
            if (w === 0) expect(result[i]).toBe(0);
          });
        },
      ),
    );
  });
});

describe('dynamicDivide', () => {
  it.each([
    {
      name: 'capacities 3, 6, 9 split 6 replicas as the tutorial shows',
      capacities: [3, 6, 9],
      replicas: 6,
      want: [1, 2, 3],
    },
    {
      name: 'small targets follow the largest remainders (clusternet#526)',
      capacities: [3, 6, 9],
      replicas: 2,
      want: [0, 1, 1],
    },
    {
      name: 'more replicas than capacity fill every cluster',
      capacities: [3, 6, 9],
      replicas: 20,
      want: [3, 6, 9],
    },
    {
      name: 'a scale-down takes away in proportion',
      capacities: [1, 2, 3],
      replicas: -3,
      want: [-1, -1, -1],
    },
    {
      name: 'remainder ties go to the earlier cluster',
      capacities: [5, 5],
      replicas: 3,
      want: [2, 1],
    },
    { name: 'no capacity places nothing', capacities: [0, 0], replicas: 3, want: [0, 0] },
  ])('$name', ({ capacities, replicas, want }) => {
    expect(dynamicDivide(capacities, replicas)).toEqual(want);
  });

  it('sums to the target and respects every capacity when the capacity suffices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(500), { minLength: 1, maxLength: 30 }),
        fc.nat(5000),
        (capacities, replicas) => {
          const total = capacities.reduce((a, c) => a + c, 0);
          const result = dynamicDivide(capacities, replicas);
          expect(result.reduce((a, r) => a + r, 0)).toBe(Math.min(replicas, total));
          result.forEach((r, i) => {
            expect(r).toBeGreaterThanOrEqual(0);
            expect(r).toBeLessThanOrEqual(capacities[i] as number);
          });
        },
      ),
    );
  });

  it('scales down by exactly the asked number without going below zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(500), { minLength: 1, maxLength: 30 }),
        fc.nat(5000),
        (current, take) => {
          const total = current.reduce((a, c) => a + c, 0);
          const result = dynamicDivide(current, -take);
          expect(result.reduce((a, r) => a + r, 0) + Math.min(take, total)).toBe(0);
          result.forEach((r, i) => expect((current[i] as number) + r).toBeGreaterThanOrEqual(0));
        },
      ),
    );
  });
});
