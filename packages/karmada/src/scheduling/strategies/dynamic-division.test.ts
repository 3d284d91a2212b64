import fc from 'fast-check';
import type { TargetCluster } from '@lifeboat/core';
import { divideDynamically, type DynamicCandidate } from './dynamic-division';

const cands = (available: Record<string, number>): DynamicCandidate[] =>
  Object.entries(available).map(([name, a]) => ({ name, available: a }));
const held = (placement: Record<string, number>): TargetCluster[] =>
  Object.entries(placement).map(([name, replicas]) => ({ name, replicas }));
const asRecord = (clusters: readonly TargetCluster[] | undefined): Record<string, number> =>
  Object.fromEntries((clusters ?? []).map((c) => [c.name, c.replicas]));

describe('divideDynamically (Steady mode)', () => {
  it.each<{
    name: string;
    replicas: number;
    available: Record<string, number>;
    previous: Record<string, number>;
    aggregated?: boolean;
    fresh?: boolean;
    want: Record<string, number>;
  }>([
    {
      name: 'a first schedule divides by free capacity',
      replicas: 6,
      available: { m1: 10, m2: 20 },
      previous: {},
      want: { m1: 2, m2: 4 },
    },
    {
      name: 'an unchanged total keeps the placement as it is',
      replicas: 2,
      available: { m1: 100, m2: 1 },
      previous: { m1: 1, m2: 1 },
      want: { m1: 1, m2: 1 },
    },
    {
      name: 'replicas on a cluster that is no longer a candidate count as missing',
      replicas: 3,
      available: { m2: 4, m3: 4 },
      previous: { m1: 2, m2: 1 },
      want: { m2: 2, m3: 1 },
    },
    {
      name: 'failover: survivors keep their replicas; the missing one goes by free capacity',
      replicas: 2,
      available: { m2: 2, m3: 10 },
      previous: { m1: 1, m2: 1 },
      want: { m2: 1, m3: 1 },
    },
    {
      name: 'scale up adds on top of the current placement',
      replicas: 5,
      available: { m1: 3, m2: 3 },
      previous: { m1: 2, m2: 1 },
      want: { m1: 3, m2: 2 },
    },
    {
      name: 'scale down shrinks the current placement proportionally',
      replicas: 3,
      available: { m1: 100, m2: 100 },
      previous: { m1: 4, m2: 2 },
      want: { m1: 2, m2: 1 },
    },
    {
      name: 'Aggregated puts missing replicas on clusters already used first',
      replicas: 4,
      available: { m1: 2, m2: 50, m3: 9 },
      previous: { m1: 2 },
      aggregated: true,
      want: { m1: 4 },
    },
    {
      name: 'Aggregated adds the roomiest cluster when the used ones are short',
      replicas: 4,
      available: { m1: 1, m2: 50, m3: 9 },
      previous: { m1: 2 },
      aggregated: true,
      want: { m1: 2, m2: 2 },
    },
    {
      name: 'Aggregated uses as few new clusters as capacity allows',
      replicas: 6,
      available: { m1: 10, m2: 20, m3: 5 },
      previous: {},
      aggregated: true,
      want: { m2: 6 },
    },
    {
      name: 'Aggregated scale down keeps the largest holders',
      replicas: 4,
      available: { m1: 0, m2: 0 },
      previous: { m1: 5, m2: 1 },
      aggregated: true,
      want: { m1: 4 },
    },
    {
      name: 'a fresh reschedule divides everything by free plus held capacity',
      replicas: 4,
      available: { m1: 0, m2: 4 },
      previous: { m1: 4 },
      fresh: true,
      want: { m1: 2, m2: 2 },
    },
  ])('$name', ({ replicas, available, previous, aggregated, fresh, want }) => {
    const result = divideDynamically({
      replicas,
      candidates: cands(available),
      previous: held(previous),
      aggregated,
      fresh,
      tieBreakKey: 'uid',
    });
    expect(asRecord(result.clusters)).toEqual(want);
  });

  it('is unschedulable when free capacity cannot hold the missing replicas', () => {
    expect(
      divideDynamically({
        replicas: 10,
        candidates: cands({ m1: 3, m2: 4 }),
        previous: [],
        tieBreakKey: 'uid',
      }),
    ).toEqual({ error: 'Clusters available replicas 7 are not enough to schedule' });
  });

  it('never moves a replica that sits on a surviving cluster when the total grows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 5 }),
        fc.nat({ max: 20 }),
        (free, current, more) => {
          const names = free.map((_, i) => `m${i}`);
          const previous = current
            .slice(0, names.length)
            .map((r, i) => ({ name: names[i] as string, replicas: r }));
          const replicas = previous.reduce((s, t) => s + t.replicas, 0) + more;
          const result = divideDynamically({
            replicas,
            candidates: names.map((name, i) => ({ name, available: free[i] as number })),
            previous,
            tieBreakKey: 'k',
          });
          if (result.error !== undefined) {
            expect(free.reduce((a, b) => a + b, 0)).toBeLessThan(more);
            return;
          }
          const after = asRecord(result.clusters);
          expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(replicas);
          for (const t of previous) expect(after[t.name] ?? 0).toBeGreaterThanOrEqual(t.replicas);
        },
      ),
    );
  });
});
