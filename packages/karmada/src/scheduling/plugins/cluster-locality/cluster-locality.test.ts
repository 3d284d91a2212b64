import { CycleState } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { clusterLocalityRegistration, type ClusterLocality } from './cluster-locality';

const plugin = clusterLocalityRegistration.factory(undefined, { now: () => 0 }) as ClusterLocality;
const foo = makeBinding('foo', { clusters: [{ name: 'member2', replicas: 1 }] });

describe('ClusterLocality', () => {
  it.each([
    { name: 'a cluster the binding already uses scores 100', cluster: 'member2', want: 100 },
    { name: 'a cluster it does not use scores 0', cluster: 'member3', want: 0 },
  ])('$name', ({ cluster, want }) => {
    expect(plugin.score(new CycleState(), foo, makeCluster(cluster).build())).toBe(want);
  });
});
