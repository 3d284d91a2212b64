import { ValidationError, type Placement } from '@lifeboat/core';
import { parseFailover, parsePlacement } from './parse-policy';

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('parsePlacement', () => {
  it.each<{ name: string; input: unknown; want: Placement }>([
    {
      name: 'an empty placement is Duplicated to every cluster',
      input: {},
      want: { replicaScheduling: { type: 'Duplicated' } },
    },
    {
      name: 'Divided without a preference is Weighted with equal static weights',
      input: { replicaScheduling: { replicaSchedulingType: 'Divided' } },
      want: {
        replicaScheduling: { type: 'Divided', division: 'StaticWeight', staticWeightList: [] },
      },
    },
    {
      name: 'dynamicWeight wins over a static list',
      input: {
        replicaScheduling: {
          replicaDivisionPreference: 'Weighted',
          weightPreference: {
            dynamicWeight: 'AvailableReplicas',
            staticWeightList: [{ targetCluster: { clusterNames: ['m1'] }, weight: 1 }],
          },
        },
      },
      want: {
        replicaScheduling: {
          type: 'Divided',
          division: 'DynamicWeight',
          dynamicWeight: 'AvailableReplicas',
        },
      },
    },
    {
      name: 'Aggregated',
      input: {
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Aggregated',
        },
      },
      want: { replicaScheduling: { type: 'Divided', division: 'Aggregated' } },
    },
    {
      name: 'clusterAffinity, tolerations and spread constraints with Karmada webhook defaults',
      input: {
        clusterAffinity: {
          clusterNames: ['m1', 'm2'],
          exclude: ['m3'],
          labelSelector: { matchLabels: { env: 'prod' } },
          fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] },
        },
        clusterTolerations: [
          {
            key: 'cluster.karmada.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
        ],
        spreadConstraints: [{ maxGroups: 2 }, { spreadByField: 'region', minGroups: 0 }],
      },
      want: {
        clusterAffinity: [
          {
            clusterNames: ['m1', 'm2'],
            exclude: ['m3'],
            labelSelector: { matchLabels: { env: 'prod' } },
            fieldSelector: {
              matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }],
            },
          },
        ],
        clusterTolerations: [
          {
            key: 'cluster.karmada.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
        ],
        spreadConstraints: [
          { spreadByField: 'cluster', maxGroups: 2, minGroups: 1 },
          { spreadByField: 'region', minGroups: 1 },
        ],
        replicaScheduling: { type: 'Duplicated' },
      },
    },
    {
      name: 'ordered clusterAffinities',
      input: {
        clusterAffinities: [
          { affinityName: 'primary', clusterNames: ['m1'] },
          { affinityName: 'backup', labelSelector: { matchLabels: { tier: 'dr' } } },
        ],
      },
      want: {
        clusterAffinities: [
          { affinityName: 'primary', clusterNames: ['m1'] },
          { affinityName: 'backup', labelSelector: { matchLabels: { tier: 'dr' } } },
        ],
        replicaScheduling: { type: 'Duplicated' },
      },
    },
    {
      name: 'an affinity group with overflow tiers',
      input: {
        clusterAffinities: [
          {
            affinityName: 'primary',
            clusterNames: ['m1'],
            overflowAffinities: [{ affinityName: 'burst', clusterNames: ['m2', 'm3'] }],
          },
        ],
        replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
      },
      want: {
        clusterAffinities: [
          {
            affinityName: 'primary',
            clusterNames: ['m1'],
            overflowAffinities: [{ affinityName: 'burst', clusterNames: ['m2', 'm3'] }],
          },
        ],
        replicaScheduling: { type: 'Divided', division: 'Aggregated' },
      },
    },
  ])('parses $name', ({ input, want }) => {
    expect(parsePlacement(input)).toEqual(want);
  });

  it.each([
    {
      name: 'an unknown field',
      input: { clusterAfinity: {} },
      want: ['placement.clusterAfinity: unknown field "clusterAfinity"'],
    },
    {
      name: 'overflowAffinities without a division by capacity',
      input: {
        clusterAffinities: [{ affinityName: 'a', overflowAffinities: [{ affinityName: 'b' }] }],
      },
      want: [
        'placement.clusterAffinities[0].overflowAffinities: overflowAffinities can only be used together with dynamic weight or aggregated scheduling',
      ],
    },
    {
      name: 'an overflow affinity without a name',
      input: {
        clusterAffinities: [{ affinityName: 'a', overflowAffinities: [{ clusterNames: ['m3'] }] }],
        replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
      },
      want: ['placement.clusterAffinities[0].overflowAffinities[0].affinityName: required'],
    },
    {
      name: 'clusterAffinity together with clusterAffinities',
      input: { clusterAffinity: {}, clusterAffinities: [{ affinityName: 'a' }] },
      want: [
        'placement.clusterAffinities: clusterAffinity and clusterAffinities are mutually exclusive',
      ],
    },
    {
      name: 'a duplicate affinityName',
      input: { clusterAffinities: [{ affinityName: 'a' }, { affinityName: 'a' }] },
      want: ['placement.clusterAffinities[1].affinityName: duplicate affinityName "a"'],
    },
    {
      name: 'a zero static weight',
      input: {
        replicaScheduling: {
          weightPreference: { staticWeightList: [{ targetCluster: {}, weight: 0 }] },
        },
      },
      want: ['placement.replicaScheduling.weightPreference.staticWeightList[0].weight: '],
    },
    {
      name: 'a bad field selector key',
      input: {
        clusterAffinity: {
          fieldSelector: { matchExpressions: [{ key: 'rack', operator: 'In', values: [] }] },
        },
      },
      want: ['placement.clusterAffinity.fieldSelector.matchExpressions[0].key: '],
    },
    {
      name: 'spreadByField together with spreadByLabel',
      input: { spreadConstraints: [{ spreadByField: 'cluster', spreadByLabel: 'x' }] },
      want: [
        'placement.spreadConstraints[0].spreadByLabel: spreadByField and spreadByLabel are mutually exclusive',
      ],
    },
    {
      name: 'maxGroups below minGroups',
      input: { spreadConstraints: [{ spreadByField: 'cluster', minGroups: 3, maxGroups: 2 }] },
      want: [
        'placement.spreadConstraints[0].maxGroups: maxGroups must not be lower than minGroups',
      ],
    },
    {
      name: 'a region constraint without a cluster constraint',
      input: { spreadConstraints: [{ spreadByField: 'region' }] },
      want: [
        'placement.spreadConstraints: a constraint with spreadByField cluster is required when spreading by a field',
      ],
    },
    {
      name: 'two constraints on one field',
      input: { spreadConstraints: [{ spreadByField: 'cluster' }, { spreadByField: 'cluster' }] },
      want: [
        'placement.spreadConstraints[1].spreadByField: more than one constraint spreads by cluster',
      ],
    },
  ])('rejects $name with its field path', ({ input, want }) => {
    const issues = issuesOf(() => parsePlacement(input));
    expect(issues).toHaveLength(want.length);
    want.forEach((w, i) => expect(issues[i]).toContain(w));
  });
});

describe('parseFailover', () => {
  it.each([
    {
      name: 'application failover defaults',
      input: { application: {} },
      want: {
        application: {
          decisionConditions: { tolerationSeconds: 300 },
          purgeMode: 'Gracefully',
          gracePeriodSeconds: 600,
        },
      },
    },
    {
      name: 'application failover with Never',
      input: { application: { purgeMode: 'Never', decisionConditions: { tolerationSeconds: 0 } } },
      want: { application: { decisionConditions: { tolerationSeconds: 0 }, purgeMode: 'Never' } },
    },
    {
      name: 'cluster failover defaults to Gracefully',
      input: { cluster: {} },
      want: { cluster: { purgeMode: 'Gracefully' } },
    },
    {
      name: 'cluster failover Directly',
      input: { cluster: { purgeMode: 'Directly' } },
      want: { cluster: { purgeMode: 'Directly' } },
    },
    {
      name: "Lifeboat's failback",
      input: { failback: { stabilizationWindowSeconds: 300 } },
      want: { failback: { stabilizationWindowSeconds: 300 } },
    },
  ])('parses $name', ({ input, want }) => {
    expect(parseFailover(input)).toEqual(want);
  });

  it.each([
    {
      name: 'gracePeriodSeconds without Gracefully',
      input: { application: { purgeMode: 'Directly', gracePeriodSeconds: 10 } },
      want: 'failover.application.gracePeriodSeconds: only allowed with purgeMode Gracefully',
    },
    {
      name: 'the removed legacy purge mode Immediately',
      input: { cluster: { purgeMode: 'Immediately' } },
      want: 'failover.cluster.purgeMode: ',
    },
    {
      name: 'Never for cluster failover',
      input: { cluster: { purgeMode: 'Never' } },
      want: 'failover.cluster.purgeMode: ',
    },
    {
      name: 'a negative tolerationSeconds',
      input: { application: { decisionConditions: { tolerationSeconds: -1 } } },
      want: 'failover.application.decisionConditions.tolerationSeconds: ',
    },
    {
      name: 'a failback without its window',
      input: { failback: {} },
      want: 'failover.failback.stabilizationWindowSeconds: ',
    },
    {
      name: 'a failback window of 0',
      input: { failback: { stabilizationWindowSeconds: 0 } },
      want: 'failover.failback.stabilizationWindowSeconds: Too small',
    },
    {
      name: 'a failback window beyond a day',
      input: { failback: { stabilizationWindowSeconds: 86_401 } },
      want: 'failover.failback.stabilizationWindowSeconds: Too big',
    },
    {
      name: 'statePreservation (not implemented)',
      input: { cluster: { statePreservation: { rules: [] } } },
      want: 'failover.cluster.statePreservation: unknown field',
    },
  ])('rejects $name with its field path', ({ input, want }) => {
    expect(issuesOf(() => parseFailover(input))[0]).toContain(want);
  });
});
