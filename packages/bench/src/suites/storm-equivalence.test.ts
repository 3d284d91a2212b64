import type { Binding, Cluster } from '@lifeboat/core';
import { karmadaScheduler } from '../schedulers/karmada-scheduler';
import { holding, outcome } from './schedule-outcome';
import { STORM_TAINT_KEY } from './storm-suite';
import { throughputFleet } from './throughput-suite';

// The storm's profile (Karmada dynamic weights): every placement assumes replicas on a few
// clusters, so the next binding of each class gets its capacity answer patched at those
// clusters; these compare it with a scheduler that shares nothing.
describe('karmada-dynamic placements are the same with and without the equivalence cache', () => {
  const base = throughputFleet({
    profile: 'karmada-dynamic',
    clusters: 200,
    bindings: 1500,
    policies: 40,
  });
  // Replica counts up to far more than a few clusters hold, so the capacity answers decide.
  const fleet = {
    clusters: base.clusters,
    bindings: base.bindings.map((b, i) => ({
      ...b,
      spec: { ...b.spec, replicas: [2, 8, 40, 200, 1000, 4000][i % 6] as number },
    })),
  };

  it('first placements, then re-placements after the busiest cluster is tainted NoExecute', async () => {
    const shared = karmadaScheduler();
    const plain = karmadaScheduler({ equivalenceCache: false });
    const placed: Binding[] = [];
    for (const binding of fleet.bindings) {
      const want = await plain.schedule(binding, fleet.clusters, 0);
      const got = await shared.schedule(binding, fleet.clusters, 0);
      expect([binding.metadata.name, outcome(got)]).toEqual([binding.metadata.name, outcome(want)]);
      placed.push(holding(binding, want));
    }
    const load = new Map<string, number>();
    for (const b of placed)
      for (const t of b.spec.clusters ?? []) load.set(t.name, (load.get(t.name) ?? 0) + 1);
    const busiest = [...load].sort((a, b) => b[1] - a[1])[0]?.[0];
    const clusters: Cluster[] = fleet.clusters.map((c) =>
      c.metadata.name === busiest
        ? { ...c, spec: { ...c.spec, taints: [{ key: STORM_TAINT_KEY, effect: 'NoExecute' }] } }
        : c,
    );
    const affected = placed.filter((b) => b.spec.clusters?.some((t) => t.name === busiest));
    expect(affected.length).toBeGreaterThan(10);
    for (const binding of affected) {
      const want = outcome(await plain.schedule(binding, clusters, 1));
      expect([binding.metadata.name, outcome(await shared.schedule(binding, clusters, 1))]).toEqual(
        [binding.metadata.name, want],
      );
    }
  });
});
