import type { ClusterSelector, Placement, ReplicaScheduling, Toleration } from '@lifeboat/core';
import type { SeededRandom } from './seeded-random';
import { DEDICATED_TAINT, ENVIRONMENTS, REGIONS, TEAM_COUNT, TIERS } from './synthetic-clusters';

/** Which division a policy set uses (one benchmark row each). */
export type PolicyKind = 'dynamic' | 'static' | 'spread' | 'aggregated' | 'duplicated' | 'mixed';

const REGION_LABEL = 'topology.lifeboat.dev/region';

/** Where a policy may run: a few shapes real fleets use (regions, env + tier, a team, anywhere). */
function affinity(random: SeededRandom): ClusterSelector[] | undefined {
  switch (random.int(0, 3)) {
    case 0:
      return [
        {
          fieldSelector: {
            matchExpressions: [
              { key: 'region', operator: 'In', values: random.sample(REGIONS, random.int(2, 4)) },
            ],
          },
        },
      ];
    case 1:
      return [
        {
          labelSelector: {
            matchLabels: { env: random.pick(ENVIRONMENTS) },
            matchExpressions: [{ key: 'tier', operator: 'In', values: random.sample(TIERS, 2) }],
          },
        },
      ];
    case 2:
      return [
        {
          labelSelector: {
            matchExpressions: [
              {
                key: 'team',
                operator: 'In',
                values: Array.from({ length: 8 }, () => `team-${random.int(0, TEAM_COUNT - 1)}`),
              },
            ],
          },
        },
        { labelSelector: { matchLabels: { [REGION_LABEL]: random.pick(REGIONS) } } },
      ];
    default:
      return undefined;
  }
}

function scheduling(kind: Exclude<PolicyKind, 'mixed'>, random: SeededRandom): ReplicaScheduling {
  switch (kind) {
    case 'duplicated':
      return { type: 'Duplicated' };
    case 'aggregated':
      return { type: 'Divided', division: 'Aggregated' };
    case 'static':
      return {
        type: 'Divided',
        division: 'StaticWeight',
        staticWeightList: random.sample(REGIONS, 3).map((region) => ({
          targetCluster: {
            fieldSelector: {
              matchExpressions: [{ key: 'region', operator: 'In', values: [region] }],
            },
          },
          weight: random.int(1, 5),
        })),
      };
    default:
      return { type: 'Divided', division: 'DynamicWeight', dynamicWeight: 'AvailableReplicas' };
  }
}

/**
 * `count` distinct placement policies of one kind (`mixed`: 70 % dynamic weight, 20 % static
 * weight, 10 % aggregated). A fifth tolerate {@link DEDICATED_TAINT}; `spread` policies spread
 * over 2–3 regions and at most 6 clusters, as Karmada users write them.
 */
export function syntheticPolicies(
  count: number,
  kind: PolicyKind,
  random: SeededRandom,
): Placement[] {
  const policies: Placement[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random.next();
    const own: Exclude<PolicyKind, 'mixed'> =
      kind !== 'mixed' ? kind : roll < 0.7 ? 'dynamic' : roll < 0.9 ? 'static' : 'aggregated';
    const selectors = affinity(random);
    const tolerations: Toleration[] | undefined = random.chance(0.2)
      ? [
          {
            key: DEDICATED_TAINT.key,
            operator: 'Equal',
            value: DEDICATED_TAINT.value,
            effect: 'NoSchedule',
          },
        ]
      : undefined;
    policies.push({
      ...(selectors ? { clusterAffinity: selectors } : {}),
      ...(tolerations ? { clusterTolerations: tolerations } : {}),
      ...(own === 'spread'
        ? {
            spreadConstraints: [
              { spreadByField: 'region', minGroups: 2, maxGroups: 3 },
              { spreadByField: 'cluster', minGroups: 2, maxGroups: 6 },
            ],
          }
        : {}),
      replicaScheduling: scheduling(own, random),
    });
  }
  return policies;
}
