import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseResourceList, type Cluster } from '@lifeboat/core';
import { GeneralCapacityEstimator } from './general-capacity-estimator';

function withAllocated(cluster: Cluster, allocated: Record<string, string | number>): Cluster {
  return { ...cluster, status: { ...cluster.status, allocated: parseResourceList(allocated) } };
}

describe('GeneralCapacityEstimator', () => {
  it.each<{
    name: string;
    cluster: Cluster;
    request?: Record<string, string>;
    want: number | undefined;
  }>([
    {
      name: 'counts what fits in allocatable minus allocated, by the scarcest resource',
      cluster: withAllocated(
        makeCluster('m').allocatable({ cpu: '8', memory: '16Gi', pods: 110 }).build(),
        { cpu: '2', memory: '4Gi', pods: 10 },
      ),
      request: { cpu: '1', memory: '1Gi' },
      want: 6,
    },
    {
      name: 'counts pods when nothing else is requested',
      cluster: withAllocated(makeCluster('m').allocatable({ pods: 10 }).build(), { pods: 7 }),
      want: 3,
    },
    {
      name: 'never goes below zero',
      cluster: withAllocated(makeCluster('m').allocatable({ cpu: '1' }).build(), { cpu: '2' }),
      request: { cpu: '500m' },
      want: 0,
    },
    {
      name: 'leaves out a cluster that reports no allocatable resources',
      cluster: makeCluster('m').build(),
      request: { cpu: '1' },
      want: undefined,
    },
  ])('$name', async ({ cluster, request, want }) => {
    const answer = await new GeneralCapacityEstimator().maxAvailableReplicas(
      makeBinding('foo', request ? { request } : {}),
      [cluster],
    );
    expect(answer.get('m')).toBe(want);
  });
});
