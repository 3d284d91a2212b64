import fc from 'fast-check';
import { tieBreakOrder } from './tie-break';
import { websterDivide, type WebsterParty } from './webster';

/** The textbook one-seat-at-a-time division, to check the fast path against. */
function naiveWebster(
  seats: number,
  parties: readonly WebsterParty[],
  key: string,
): Map<string, number> {
  const order = tieBreakOrder(key);
  const held = new Map(parties.map((p) => [p.name, p.initial ?? 0]));
  for (let i = 0; i < seats; i++) {
    let best: WebsterParty | undefined;
    for (const p of parties) {
      if (p.weight <= 0) continue;
      if (!best) {
        best = p;
        continue;
      }
      const sp = held.get(p.name) as number;
      const sb = held.get(best.name) as number;
      const a = p.weight / (2 * sp + 1);
      const b = best.weight / (2 * sb + 1);
      if (
        a > b ||
        (a === b && (sp < sb || (sp === sb && (p.name < best.name ? -1 : 1) * order < 0)))
      )
        best = p;
    }
    held.set((best as WebsterParty).name, (held.get((best as WebsterParty).name) as number) + 1);
  }
  return held;
}

const parties = (...weights: number[]): WebsterParty[] =>
  weights.map((weight, i) => ({ name: `member${i + 1}`, weight }));

describe('websterDivide', () => {
  it.each([
    { name: '9 replicas at 1:2 give 3 and 6', seats: 9, weights: [1, 2], want: [3, 6] },
    { name: '9 replicas at 1:3 give 2 and 7', seats: 9, weights: [1, 3], want: [2, 7] },
    {
      name: '12 replicas at 6:12:18 give 2, 4 and 6',
      seats: 12,
      weights: [6, 12, 18],
      want: [2, 4, 6],
    },
    { name: '2 replicas at 1:1 give one each', seats: 2, weights: [1, 1], want: [1, 1] },
    { name: 'a party with weight 0 gets nothing', seats: 4, weights: [0, 1, 1], want: [0, 2, 2] },
    { name: 'zero seats give nothing', seats: 0, weights: [1, 2], want: [0, 0] },
    {
      name: 'fractional weights divide like whole ones (0.5:1.5 as 1:3)',
      seats: 9,
      weights: [0.5, 1.5],
      want: [2, 7],
    },
    {
      name: 'weights beyond 2^53 products are compared exactly',
      seats: 3,
      weights: [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 2],
      want: [1, 1, 1],
    },
  ])('$name', ({ seats, weights, want }) => {
    const result = websterDivide(seats, parties(...weights), 'uid-a');
    expect([...result.values()]).toEqual(want);
  });

  it('breaks an exact tie by the workload uid, one way for even hashes and the other for odd', () => {
    const keys = ['uid-0', 'uid-1', 'uid-2', 'uid-3', 'uid-4', 'uid-5'];
    const winners = new Set(
      keys.map((key) =>
        websterDivide(5, parties(1, 1), key).get('member1') === 3 ? 'member1' : 'member2',
      ),
    );
    expect(winners).toEqual(new Set(['member1', 'member2']));
    for (const key of keys) {
      const expected = tieBreakOrder(key) === 1 ? 3 : 2;
      expect(websterDivide(5, parties(1, 1), key).get('member1')).toBe(expected);
    }
  });

  it('continues from initial seats instead of starting over', () => {
    const result = websterDivide(
      1,
      [
        { name: 'a', weight: 1, initial: 4 },
        { name: 'b', weight: 1, initial: 0 },
      ],
      'k',
    );
    expect(Object.fromEntries(result)).toEqual({ a: 4, b: 1 });
  });

  it.each(['uid-0', 'uid-1', 'uid-2', 'uid-3'])(
    'compares huge weights exactly where doubles would tie (key %s)',
    (key) => {
      // 3·(2^53-2) and 3·(2^53-3) are the same double; only the exact comparison gives member1 the third seat.
      const result = websterDivide(3, parties(2 ** 53 - 2, 2 ** 53 - 3), key);
      expect([...result.values()]).toEqual([2, 1]);
    },
  );

  it.each([
    { name: 'no party has a weight', weights: [0, 0] },
    { name: 'a weight is negative', weights: [1, -1] },
    { name: 'a weight is not a number', weights: [1, Number.NaN] },
  ])('refuses to divide when $name', ({ weights }) => {
    expect(() => websterDivide(3, parties(...weights), 'k')).toThrow(RangeError);
  });

  const partiesArb = fc
    .array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 })
    .map((ws) => parties(...ws));

  it('always sums to the target and gives nothing to weight-0 clusters (property)', () => {
    fc.assert(
      fc.property(partiesArb, fc.nat({ max: 5000 }), fc.string(), (ps, seats, key) => {
        fc.pre(ps.some((p) => p.weight > 0));
        const result = websterDivide(seats, ps, key);
        const sum = [...result.values()].reduce((a, b) => a + b, 0);
        expect(sum).toBe(seats);
        for (const p of ps) if (p.weight === 0) expect(result.get(p.name)).toBe(0);
      }),
    );
  });

  it('never takes replicas from a cluster when the total grows (property)', () => {
    fc.assert(
      fc.property(
        partiesArb,
        fc.nat({ max: 3000 }),
        fc.nat({ max: 3000 }),
        fc.string(),
        (ps, seats, more, key) => {
          fc.pre(ps.some((p) => p.weight > 0));
          const before = websterDivide(seats, ps, key);
          const after = websterDivide(seats + more, ps, key);
          for (const p of ps)
            expect(after.get(p.name) as number).toBeGreaterThanOrEqual(
              before.get(p.name) as number,
            );
        },
      ),
    );
  });

  it('skipping ahead on large divisions gives exactly the one-at-a-time result (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 6 })
          .map((ws) => ws.map((w, i) => ({ name: `c${i}`, weight: w, initial: i % 2 }))),
        fc.integer({ min: 0, max: 400 }),
        fc.string(),
        (ps, seats, key) => {
          fc.pre(ps.some((p) => p.weight > 0));
          expect(Object.fromEntries(websterDivide(seats, ps, key))).toEqual(
            Object.fromEntries(naiveWebster(seats, ps, key)),
          );
        },
      ),
    );
  });

  it('considering only the heaviest parties for a few seats gives exactly the one-at-a-time result (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 40 })
          .map((ws) => ws.map((w, i) => ({ name: `c${String(i).padStart(2, '0')}`, weight: w }))),
        fc.integer({ min: 0, max: 45 }),
        fc.string(),
        (ps, seats, key) => {
          fc.pre(ps.some((p) => p.weight > 0));
          expect(Object.fromEntries(websterDivide(seats, ps, key))).toEqual(
            Object.fromEntries(naiveWebster(seats, ps, key)),
          );
        },
      ),
    );
  });

  it('divides a million replicas over a thousand clusters quickly', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      name: `c${String(i).padStart(4, '0')}`,
      weight: (i % 7) + 1,
    }));
    const result = websterDivide(1_000_000, many, 'k');
    expect([...result.values()].reduce((a, b) => a + b, 0)).toBe(1_000_000);
  });
});
