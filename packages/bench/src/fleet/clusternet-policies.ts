import { parseSubscription } from '@lifeboat/clusternet';
import type { Placement } from '@lifeboat/core';
import type { SeededRandom } from './seeded-random';
import { ENVIRONMENTS, REGIONS, TIERS } from './synthetic-clusters';

const REGION_LABEL = 'topology.lifeboat.dev/region';

/**
 * `count` distinct Clusternet subscriptions (Dividing, Static or Dynamic) parsed into core
 * placements: 1–3 subscribers, each selecting a region, or an env and tier, with a weight.
 */
export function clusternetPolicies(
  count: number,
  division: 'Static' | 'Dynamic',
  random: SeededRandom,
): Placement[] {
  const policies: Placement[] = [];
  for (let i = 0; i < count; i++) {
    const subscribers = Array.from({ length: random.int(1, 3) }, () => ({
      clusterAffinity: random.chance(0.5)
        ? { matchLabels: { [REGION_LABEL]: random.pick(REGIONS) } }
        : {
            matchLabels: { env: random.pick(ENVIRONMENTS) },
            matchExpressions: [{ key: 'tier', operator: 'In', values: random.sample(TIERS, 2) }],
          },
      weight: random.int(1, 5),
    }));
    policies.push(
      parseSubscription({
        schedulingStrategy: 'Dividing',
        dividingScheduling: { type: division },
        subscribers,
      }).placement,
    );
  }
  return policies;
}
