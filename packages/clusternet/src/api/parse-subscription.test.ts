import { ValidationError } from '@lifeboat/core';
import { parseSubscription } from './parse-subscription';

const prod = { clusterAffinity: { matchLabels: { env: 'prod' } } };

function problems(input: unknown): string[] {
  try {
    parseSubscription(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseSubscription', () => {
  it('turns Replication (the default) into a duplicated placement over the subscribers', () => {
    const parsed = parseSubscription({
      subscribers: [prod],
      clusterTolerations: [{ key: 'k', operator: 'Exists' }],
    });
    expect(parsed.placement).toEqual({
      clusterAffinity: [{ labelSelector: { matchLabels: { env: 'prod' } } }],
      clusterTolerations: [{ key: 'k', operator: 'Exists' }],
      replicaScheduling: { type: 'Duplicated' },
    });
    expect(parsed).toMatchObject({ schedulerName: 'default', priority: 0, annotations: {} });
  });

  it('turns Dividing/Static into one static weight rule per subscriber', () => {
    const parsed = parseSubscription({
      schedulingStrategy: 'Dividing',
      dividingScheduling: { type: 'Static' },
      subscribers: [{ ...prod, weight: 2 }, { clusterAffinity: { matchLabels: { zone: 'a' } } }],
    });
    expect(parsed.placement.replicaScheduling).toEqual({
      type: 'Divided',
      division: 'StaticWeight',
      staticWeightList: [
        { targetCluster: { labelSelector: { matchLabels: { env: 'prod' } } }, weight: 2 },
        { targetCluster: { labelSelector: { matchLabels: { zone: 'a' } } }, weight: 0 },
      ],
    });
  });

  it('turns Dividing/Dynamic Spread into division by available replicas', () => {
    const parsed = parseSubscription({
      schedulingStrategy: 'Dividing',
      dividingScheduling: { type: 'Dynamic', dynamicDividing: { strategy: 'Spread' } },
      subscribers: [prod],
    });
    expect(parsed.placement.replicaScheduling).toEqual({
      type: 'Divided',
      division: 'DynamicWeight',
      dynamicWeight: 'AvailableReplicas',
    });
  });

  it('carries subgroups and priority as annotations', () => {
    const parsed = parseSubscription({
      schedulingBySubGroup: true,
      priority: 7,
      subscribers: [
        { ...prod, subGroupStrategy: { minClusters: 2 } },
        { clusterAffinity: {}, subGroupStrategy: { minClusters: 1 } },
      ],
    });
    expect(parsed.annotations).toEqual({
      'apps.clusternet.io/subgroup-min-clusters': '[2,1]',
      'apps.clusternet.io/priority': '7',
    });
    expect(parsed.placement.minClusters).toBeUndefined();
    expect(parsed.priority).toBe(7);
  });

  it("sets core's minClusters when every subgroup asks the same", () => {
    const parsed = parseSubscription({
      schedulingBySubGroup: true,
      subscribers: [{ ...prod, subGroupStrategy: { minClusters: 2 } }],
    });
    expect(parsed.placement.minClusters).toBe(2);
  });

  it.each([
    {
      name: 'no subscribers',
      input: { subscribers: [] },
      want: ['spec.subscribers: Too small: expected array to have >=1 items'],
    },
    {
      name: 'an unknown field',
      input: { subscribers: [prod], replicas: 3 },
      want: ['spec.replicas: unknown field "replicas"'],
    },
    {
      name: 'a negative weight',
      input: { subscribers: [{ ...prod, weight: -1 }] },
      want: ['spec.subscribers[0].weight: Too small: expected number to be >=0'],
    },
    {
      name: 'an unknown strategy',
      input: { schedulingStrategy: 'Spread', subscribers: [prod] },
      want: [
        'spec.schedulingStrategy: Invalid option: expected one of "Replication"|"Dividing", got "Spread"',
      ],
    },
    {
      name: 'a subgroup without its strategy',
      input: {
        schedulingBySubGroup: true,
        subscribers: [{ ...prod, subGroupStrategy: { minClusters: 1 } }, prod],
      },
      want: ['spec.subscribers[1].subGroupStrategy: required when schedulingBySubGroup is true'],
    },
    {
      name: 'Binpack, which Clusternet does not implement',
      input: {
        schedulingStrategy: 'Dividing',
        dividingScheduling: { type: 'Dynamic', dynamicDividing: { strategy: 'Binpack' } },
        subscribers: [prod],
      },
      want: [
        'spec.dividingScheduling.dynamicDividing.strategy: Binpack is declared by Clusternet but not implemented there; use Spread',
      ],
    },
    {
      name: 'maxClusters, which Clusternet declares without using',
      input: {
        schedulingStrategy: 'Dividing',
        dividingScheduling: { type: 'Dynamic', dynamicDividing: { maxClusters: 2 } },
        subscribers: [prod],
      },
      want: [
        'spec.dividingScheduling.dynamicDividing.maxClusters: maxClusters is declared by Clusternet but not implemented there; remove it',
      ],
    },
    {
      name: 'static dividing without any weight',
      input: { schedulingStrategy: 'Dividing', subscribers: [prod] },
      want: [
        'spec.subscribers: Static dividing needs at least one subscriber with a positive weight',
      ],
    },
    {
      name: 'an In requirement without values',
      input: {
        subscribers: [{ clusterAffinity: { matchExpressions: [{ key: 'env', operator: 'In' }] } }],
      },
      want: [
        'spec.subscribers[0].clusterAffinity.matchExpressions[0].values: operator In needs at least one value',
      ],
    },
    {
      name: 'every problem at once',
      input: {
        subscribers: [{ clusterAffinity: { matchLabels: { env: 1 } }, weight: 1.5 }],
        priority: 'high',
      },
      want: [
        'spec.priority: expected number, got "high"',
        'spec.subscribers[0].clusterAffinity.matchLabels.env: got 1, but matchLabels values are strings (Kubernetes refuses a number or a boolean there); quote it: "1"',
        'spec.subscribers[0].weight: expected an integer, got 1.5',
      ],
    },
  ])('refuses $name, naming the field', ({ input, want }) => {
    expect(problems(input).sort()).toEqual([...want].sort());
  });
});
