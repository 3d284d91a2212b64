import type { Cluster } from '@lifeboat/core';
import { karmadaScheduler } from '../schedulers/karmada-scheduler';
import { holding, outcome } from './schedule-outcome';
import { throughputFleet } from './throughput-suite';

// Karmada's spread selection is shared per equivalence class (candidate list, capacity answer,
// spread constraints, replicas); these compare it with a scheduler that shares nothing.
/** Replica counts from 1 to far more than six clusters hold, so room decides selections and some fail. */
const REPLICAS = [1, 2, 3, 5, 8, 40, 200, 1000, 4000, 20000];

describe('karmada-spread placements are the same with and without the equivalence cache', () => {
  const base = throughputFleet({
    profile: 'karmada-spread',
    clusters: 200,
    bindings: 1500,
    policies: 40,
  });
  const fleet = {
    clusters: base.clusters,
    bindings: base.bindings.map((b, i) => ({
      ...b,
      spec: { ...b.spec, replicas: REPLICAS[i % REPLICAS.length] as number },
    })),
  };

  it('first placements, on a cold and then a warm scheduler', async () => {
    const shared = karmadaScheduler();
    const plain = karmadaScheduler({ equivalenceCache: false });
    let placed = 0;
    for (const round of ['cold', 'warm'])
      for (const binding of fleet.bindings) {
        const want = outcome(await plain.schedule(binding, fleet.clusters, 0));
        const got = await shared.schedule(binding, fleet.clusters, 0);
        expect([round, binding.metadata.name, outcome(got)]).toEqual([
          round,
          binding.metadata.name,
          want,
        ]);
        if (got.ok) placed++;
      }
    // Most bindings fit, so the comparison covers selections and not only rejections.
    expect(placed).toBeGreaterThan(fleet.bindings.length);
    expect(placed).toBeLessThan(2 * fleet.bindings.length);
  });

  it('re-placements of bindings that hold replicas, after a cluster changed and one left', async () => {
    const shared = karmadaScheduler();
    const plain = karmadaScheduler({ equivalenceCache: false });
    const first = await Promise.all(
      fleet.bindings.map(async (b) => holding(b, await plain.schedule(b, fleet.clusters, 0))),
    );
    const [gone, changed] = fleet.clusters as [Cluster, Cluster];
    const clusters = fleet.clusters
      .filter((c) => c !== gone)
      .map((c) =>
        c === changed
          ? {
              ...c,
              spec: { ...c.spec, taints: [{ key: 'down', effect: 'NoSchedule' as const }] },
            }
          : c,
      );
    for (const binding of [...first, ...fleet.bindings]) {
      const want = outcome(await plain.schedule(binding, clusters, 1));
      expect([binding.metadata.name, outcome(await shared.schedule(binding, clusters, 1))]).toEqual(
        [binding.metadata.name, want],
      );
    }
  });
});
