import type { Binding, EvictionTask, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { ConditionStatus } from '../model/condition';
import type { Placement } from '../model/placement';
import type { Taint } from '../model/taint';
import { makeBinding, makeCluster } from './builders';
import type { SeededRandom } from './seeded-random';

/** What generated fleets vary beyond the defaults. @public */
export interface FleetGeneration {
  /** Fewest and most clusters per fleet (default 3 and 10). */
  readonly clusters?: readonly [min: number, max: number];
  /**
   * Label values by key that generated clusters draw from (each cluster gets one value of each
   * key, or none); added to the default `tier: [gold, silver]` and `env: [prod, dev]`. Name the
   * labels your plugin reads (`{ cost: ['1', '5', '9'] }`).
   */
  readonly labels?: Readonly<Record<string, readonly string[]>>;
}

const REGIONS = ['eu-west', 'us-east', 'ap-south'];
const TAINTS: readonly Taint[] = [
  { key: 'example.com/maintenance', effect: 'NoSchedule' },
  { key: 'example.com/not-ready', effect: 'NoExecute', timeAdded: 0 },
  { key: 'example.com/spot', value: 'true', effect: 'PreferNoSchedule' },
];
const READY: readonly ConditionStatus[] = ['True', 'True', 'True', 'False', 'Unknown'];

/**
 * A fleet of clusters `m01`, `m02`, ... with random regions, zones, labels, taints, readiness and
 * allocatable resources, all drawn from `random`.
 * @public
 */
export function generateFleet(random: SeededRandom, options: FleetGeneration = {}): Cluster[] {
  const [min, max] = options.clusters ?? [3, 10];
  const labels = { tier: ['gold', 'silver'], env: ['prod', 'dev'], ...options.labels };
  const count = random.int(min, max);
  return Array.from({ length: count }, (_, i) => {
    const region = random.pick(REGIONS);
    const builder = makeCluster(`m${String(i + 1).padStart(2, '0')}`)
      .region(region)
      .zones(`${region}-${random.pick(['a', 'b'])}`)
      .provider(random.pick(['aws', 'gcp']))
      .allocatable({ cpu: String(random.int(2, 32)), memory: `${random.int(4, 64)}Gi`, pods: 110 })
      .ready(random.pick(READY));
    const own: Record<string, string> = {};
    for (const [key, values] of Object.entries(labels))
      if (values.length > 0 && random.chance(0.8)) own[key] = random.pick(values);
    builder.labels(own);
    for (const taint of random.subset(TAINTS, 0.2)) builder.taint(taint);
    return builder.build();
  });
}

/** A few placements, so that many generated bindings share one (and their results may be shared). */
function placementPool(random: SeededRandom, clusters: readonly Cluster[]): Placement[] {
  const names = clusters.map((c) => c.metadata.name);
  const some = () => random.subset(names, 0.6);
  const scheduling = (): Placement['replicaScheduling'] =>
    random.pick([
      { type: 'Duplicated' },
      { type: 'Divided', division: 'Aggregated' },
      { type: 'Divided', division: 'DynamicWeight', dynamicWeight: 'AvailableReplicas' },
    ] as const);
  return [
    { replicaScheduling: scheduling() },
    { clusterAffinity: [{ clusterNames: some() }], replicaScheduling: scheduling() },
    {
      clusterAffinity: [{ labelSelector: { matchLabels: { tier: 'gold' } } }],
      clusterTolerations: [{ key: 'example.com/maintenance', operator: 'Exists' }],
      replicaScheduling: scheduling(),
    },
    {
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: some() },
        { affinityName: 'backup', clusterNames: some() },
      ],
      clusterTolerations: [{ operator: 'Exists', effect: 'PreferNoSchedule' }],
      replicaScheduling: scheduling(),
    },
    {
      clusterAffinity: [
        {
          fieldSelector: {
            matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west', 'us-east'] }],
          },
        },
      ],
      spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }],
      replicaScheduling: scheduling(),
    },
  ];
}

/**
 * `count` bindings over `clusters`, drawn from `random`: a handful of shared placements
 * (affinities, affinity groups, tolerations, spread constraints), and per binding its own
 * replicas, current clusters and eviction tasks, so both what bindings share and what is
 * binding-specific gets exercised.
 * @public
 */
export function generateBindings(
  random: SeededRandom,
  clusters: readonly Cluster[],
  count = 12,
): Binding[] {
  const pool = placementPool(random, clusters);
  const names = clusters.map((c) => c.metadata.name);
  return Array.from({ length: count }, (_, i) => {
    const placed: TargetCluster[] = random
      .subset(names, 0.25)
      .map((name) => ({ name, replicas: random.int(1, 3) }));
    const evicting: EvictionTask[] = random.subset(placed, 0.4).map((t) => ({
      fromCluster: t.name,
      purgeMode: 'Gracefully',
      reason: 'TaintUntolerated',
      producer: 'ConformanceKit',
      creationTimestamp: 0,
    }));
    const binding = makeBinding(`w${String(i + 1).padStart(2, '0')}`, {
      replicas: random.int(1, 6),
      placement: random.pick(pool),
      ...(placed.length > 0 ? { clusters: placed } : {}),
      request: { cpu: `${random.int(1, 4) * 250}m`, memory: `${random.int(1, 4)}Gi` },
    });
    return evicting.length > 0
      ? { ...binding, spec: { ...binding.spec, evictionTasks: evicting } }
      : binding;
  });
}
