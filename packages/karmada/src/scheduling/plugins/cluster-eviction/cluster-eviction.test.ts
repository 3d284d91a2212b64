import { CycleState, Status, type Binding } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { clusterEvictionRegistration, type ClusterEviction } from './cluster-eviction';

const plugin = clusterEvictionRegistration.factory(undefined, { now: () => 0 }) as ClusterEviction;

const foo: Binding = (() => {
  const b = makeBinding('foo');
  return {
    ...b,
    spec: {
      ...b.spec,
      evictionTasks: [
        {
          fromCluster: 'member1',
          purgeMode: 'Gracefully',
          reason: 'TaintUntolerated',
          producer: 'TaintManager',
          creationTimestamp: 0,
        },
      ],
    },
  };
})();

describe('ClusterEviction', () => {
  it.each([
    {
      name: 'a cluster the binding is being evicted from is rejected',
      cluster: 'member1',
      want: Status.unschedulable('is in the process of eviction'),
    },
    { name: 'any other cluster passes', cluster: 'member2', want: Status.success },
  ])('$name', ({ cluster, want }) => {
    expect(plugin.filter(new CycleState(), foo, makeCluster(cluster).build())).toEqual(want);
  });
});
