import { CycleState, Status, type ClusterSelector, type Placement } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { SubscriberAffinity } from './subscriber-affinity';

const clusters = [
  makeCluster('a').labels({ env: 'prod' }).build(),
  makeCluster('b').labels({ env: 'dev' }).build(),
  makeCluster('c').labels({ env: 'prod', gpu: 'yes' }).build(),
];
const run = (clusterAffinity: Placement['clusterAffinity']) =>
  new SubscriberAffinity().preFilter(
    new CycleState(),
    makeBinding('s', {
      placement: {
        ...(clusterAffinity ? { clusterAffinity } : {}),
        replicaScheduling: { type: 'Duplicated' },
      },
    }),
    clusters,
  );

describe('SubscriberAffinity', () => {
  it.each<{ name: string; affinity: ClusterSelector[]; want: string[] }>([
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
  ])('$name', ({ affinity, want }) => {
    const result = run(affinity);
    expect(result.status).toBe(Status.success);
    expect([...(result.clusters ?? [])].sort()).toEqual(want);
  });

  it('considers every cluster when there are no subscribers', () => {
    expect(run(undefined)).toEqual({ status: Status.success });
  });

  it('makes the binding unresolvable when no subscriber selects anything', () => {
    expect(run([{ labelSelector: { matchLabels: { env: 'staging' } } }]).status).toEqual(
      Status.unresolvable('no cluster matches any subscriber'),
    );
  });
});
