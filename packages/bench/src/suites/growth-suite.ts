import { runThroughput, type ThroughputResult } from './throughput-suite';

export interface GrowthCase {
  /** Fleet sizes compared on the cluster axis (small, large). */
  readonly clusters: readonly [number, number];
  /** Binding counts compared on the binding axis (small, large), on `clustersForBindings`. */
  readonly bindings: readonly [number, number];
  readonly clustersForBindings: number;
  /** Bindings scheduled on each fleet of the cluster axis. */
  readonly bindingsForClusters: number;
  readonly policies: number;
}

export interface GrowthAxis {
  readonly axis: 'clusters' | 'bindings';
  readonly from: number;
  readonly to: number;
  /** Cost at `to` over cost at `from`: per binding on the cluster axis, in total on the binding axis. */
  readonly ratio: number;
  /** What linear growth would give (`to / from`). */
  readonly linear: number;
  /** `ratio / linear`: 1 is linear, below 1 sub-linear. */
  readonly ofLinear: number;
  readonly runs: readonly ThroughputResult[];
}

/**
 * How cost grows, for the Karmada default profile with dynamic weight: µs per binding on a
 * large fleet over a small one, and total time for many bindings over few.
 */
export async function runGrowth(c: GrowthCase): Promise<GrowthAxis[]> {
  // One after the other: the machine has two cores and concurrent runs would measure each other.
  const smallFleet = await runThroughput({
    profile: 'karmada-dynamic',
    clusters: c.clusters[0],
    bindings: c.bindingsForClusters,
    policies: c.policies,
  });
  const largeFleet = await runThroughput({
    profile: 'karmada-dynamic',
    clusters: c.clusters[1],
    bindings: c.bindingsForClusters,
    policies: c.policies,
  });
  const few = await runThroughput({
    profile: 'karmada-dynamic',
    clusters: c.clustersForBindings,
    bindings: c.bindings[0],
    policies: c.policies,
  });
  const many = await runThroughput({
    profile: 'karmada-dynamic',
    clusters: c.clustersForBindings,
    bindings: c.bindings[1],
    policies: c.policies,
  });
  const perBinding = (r: ThroughputResult): number => r.totalMs / r.bindings;
  const axis = (
    name: GrowthAxis['axis'],
    from: number,
    to: number,
    ratio: number,
    runs: ThroughputResult[],
  ): GrowthAxis => ({
    axis: name,
    from,
    to,
    ratio,
    linear: to / from,
    ofLinear: ratio / (to / from),
    runs,
  });
  return [
    axis(
      'clusters',
      c.clusters[0],
      c.clusters[1],
      perBinding(largeFleet) / perBinding(smallFleet),
      [smallFleet, largeFleet],
    ),
    axis('bindings', c.bindings[0], c.bindings[1], many.totalMs / few.totalMs, [few, many]),
  ];
}
