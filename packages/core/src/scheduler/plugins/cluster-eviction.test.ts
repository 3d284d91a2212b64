import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import type { Binding } from '../../model/binding';
import { CycleState } from '../cycle-state';
import { Status } from '../status';
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

  it('passes every cluster for a binding without eviction tasks', () => {
    expect(
      plugin.filter(new CycleState(), makeBinding('bar'), makeCluster('member1').build()),
    ).toBe(Status.success);
  });

  it('shares its verdicts except on the clusters the binding is leaving', () => {
    expect(plugin.equivalenceKey()).toBe('');
    expect(plugin.bindingSpecificClusters(foo)).toEqual(['member1']);
    expect(plugin.bindingSpecificClusters(makeBinding('bar'))).toBeUndefined();
  });

  it('takes no args', () => {
    expect(() => clusterEvictionRegistration.factory({ x: 1 }, { now: () => 0 })).toThrow(
      'x: unknown field "x"',
    );
  });
});
