import type { FailbackPolicy } from '../contracts/failback-policy';
import type { Binding, EvictionTask } from '../model/binding';
import { makeBinding } from '../testing/builders';
import { recordFailover } from './failback-record';

const policy: FailbackPolicy = {
  stabilizationWindowMs: () => 60_000,
  returnsFrom: (task) => task.producer === 'TaintManager',
};

function task(fromCluster: string, producer = 'TaintManager'): EvictionTask {
  return {
    fromCluster,
    producer,
    purgeMode: 'Gracefully',
    reason: 'TaintUntolerated',
    creationTimestamp: 5,
  };
}

const foo: Binding = {
  ...makeBinding('foo', {
    replicas: 2,
    clusters: [
      { name: 'member1', replicas: 1 },
      { name: 'member2', replicas: 1 },
    ],
  }),
  status: { schedulerObservingAffinityName: 'primary' },
};

describe('recordFailover', () => {
  it('remembers the placement and affinity group before the first eviction', () => {
    expect(recordFailover(foo, [task('member1')], policy, 5)).toEqual({
      clusters: foo.spec.clusters,
      affinityName: 'primary',
      evictedClusters: ['member1'],
      since: 5,
    });
  });

  it('adds later evictions to the record and stops a return under way', () => {
    const away: Binding = {
      ...foo,
      spec: { ...foo.spec, clusters: [{ name: 'member2', replicas: 2 }] },
      status: {
        failback: {
          clusters: foo.spec.clusters ?? [],
          evictedClusters: ['member1'],
          since: 5,
          returning: { clusters: foo.spec.clusters ?? [], startedAt: 9 },
        },
      },
    };
    expect(recordFailover(away, [task('member2')], policy, 20)).toEqual({
      clusters: foo.spec.clusters,
      evictedClusters: ['member1', 'member2'],
      since: 5,
    });
  });

  it.each([
    { name: 'no policy', given: undefined, tasks: [task('member1')] },
    {
      name: 'failback off for the binding',
      given: { ...policy, stabilizationWindowMs: () => undefined },
      tasks: [task('member1')],
    },
    {
      name: 'an eviction not to come back from',
      given: policy,
      tasks: [task('member1', 'ApplicationFailover')],
    },
  ])('records nothing with $name', ({ given, tasks }) => {
    expect(recordFailover(foo, tasks, given, 5)).toBeUndefined();
  });
});
