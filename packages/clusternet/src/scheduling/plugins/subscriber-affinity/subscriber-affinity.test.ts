import { CycleState, type ClusterSelector, type Placement } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { SubscriberAffinity } from './subscriber-affinity';

const clusters = [
  makeCluster('a').labels({ env: 'prod' }).build(),
  makeCluster('b').labels({ env: 'dev' }).build(),
  makeCluster('c').labels({ env: 'prod', gpu: 'yes' }).build(),
];
const binding = (clusterAffinity: Placement['clusterAffinity']) =>
  makeBinding('s', {
    placement: {
      ...(clusterAffinity ? { clusterAffinity } : {}),
      replicaScheduling: { type: 'Duplicated' },
    },
  });
const candidates = (clusterAffinity: Placement['clusterAffinity']) =>
  clusters
    .filter((c) =>
      new SubscriberAffinity().filter(new CycleState(), binding(clusterAffinity), c).isSuccess(),
    )
    .map((c) => c.metadata.name);

describe('SubscriberAffinity', () => {
  it.each<{ name: string; affinity: ClusterSelector[] | undefined; want: string[] }>([
    {
      name: 'keeps the clusters one subscriber selects',
      affinity: [{ labelSelector: { matchLabels: { env: 'prod' } } }],
      want: ['a', 'c'],
    },
    {
      name: 'keeps the union of several subscribers',
      affinity: [
        { labelSelector: { matchLabels: { gpu: 'yes' } } },
        { labelSelector: { matchLabels: { env: 'dev' } } },
      ],
      want: ['b', 'c'],
    },
    {
      name: 'considers every cluster when there are no subscribers',
      affinity: undefined,
      want: ['a', 'b', 'c'],
    },
    {
      name: 'keeps nothing when no subscriber selects anything',
      affinity: [{ labelSelector: { matchLabels: { env: 'staging' } } }],
      want: [],
    },
  ])('$name', ({ affinity, want }) => {
    expect(candidates(affinity)).toEqual(want);
  });

  it('keys its verdicts by the subscribers alone', () => {
    const plugin = new SubscriberAffinity();
    const prod = [{ labelSelector: { matchLabels: { env: 'prod' } } }];
    expect(plugin.equivalenceKey(binding(prod))).toBe(
      plugin.equivalenceKey(binding([{ labelSelector: { matchLabels: { env: 'prod' } } }])),
    );
    expect(plugin.equivalenceKey(binding(prod))).not.toBe(
      plugin.equivalenceKey(binding([{ labelSelector: { matchLabels: { env: 'dev' } } }])),
    );
  });
});
