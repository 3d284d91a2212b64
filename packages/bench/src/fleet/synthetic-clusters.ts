import { READY_CONDITION, parseResourceList, type Cluster } from '@lifeboat/core';
import type { SeededRandom } from './seeded-random';

/** Regions of the synthetic fleet; each has three zones. */
export const REGIONS = [
  'us-east',
  'us-west',
  'us-central',
  'eu-west',
  'eu-central',
  'ap-south',
  'ap-northeast',
  'sa-east',
] as const;
export const PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export const ENVIRONMENTS = ['prod', 'prod', 'prod', 'staging', 'dev'] as const;
export const TIERS = ['gold', 'silver', 'bronze'] as const;
/** The taint a few clusters carry (dedicated hardware); some policies tolerate it. */
export const DEDICATED_TAINT = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' } as const;
export const TEAM_COUNT = 20;

/** `member-00042`: zero-padded so name order is index order. */
export function clusterName(index: number): string {
  return `member-${String(index).padStart(5, '0')}`;
}

/**
 * `count` Ready member clusters spread over {@link REGIONS} (three zones each) and
 * {@link PROVIDERS}, with env/tier/team labels, 4 % tainted {@link DEDICATED_TAINT}, and
 * allocatable capacity of 16 to 256 nodes' worth (so free capacity, and with it dynamic weights,
 * differ between clusters).
 */
export function syntheticClusters(count: number, random: SeededRandom): Cluster[] {
  const clusters: Cluster[] = [];
  for (let i = 0; i < count; i++) {
    const region = random.pick(REGIONS);
    const zone = `${region}-${random.pick(['a', 'b', 'c'])}`;
    const provider = random.pick(PROVIDERS);
    const nodes = random.int(16, 256);
    const allocatable = parseResourceList({
      cpu: String(nodes * 16),
      memory: `${nodes * 64}Gi`,
      pods: nodes * 110,
    });
    const usedShare = random.int(0, 60) / 100;
    const allocated = parseResourceList({
      cpu: String(Math.floor(nodes * 16 * usedShare)),
      memory: `${Math.floor(nodes * 64 * usedShare)}Gi`,
      pods: Math.floor(nodes * 110 * usedShare),
    });
    clusters.push({
      kind: 'Cluster',
      metadata: {
        name: clusterName(i),
        labels: {
          env: random.pick(ENVIRONMENTS),
          tier: random.pick(TIERS),
          team: `team-${random.int(0, TEAM_COUNT - 1)}`,
          'topology.lifeboat.dev/region': region,
        },
        creationTimestamp: 0,
      },
      spec: {
        syncMode: 'Push',
        region,
        zones: [zone],
        provider,
        ...(random.chance(0.04) ? { taints: [{ ...DEDICATED_TAINT }] } : {}),
      },
      status: {
        conditions: [
          {
            type: READY_CONDITION,
            status: 'True',
            reason: 'ClusterReady',
            message: 'cluster is healthy and ready to accept workloads',
            lastTransitionTime: 0,
          },
        ],
        allocatable,
        capacity: allocatable,
        allocated,
      },
    });
  }
  return clusters;
}
