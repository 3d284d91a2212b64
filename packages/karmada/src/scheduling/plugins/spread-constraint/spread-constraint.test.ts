import { CycleState, Status, type Cluster, type SpreadConstraint } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { spreadConstraintRegistration, type SpreadConstraintFilter } from './spread-constraint';

const plugin = spreadConstraintRegistration.factory(undefined, {
  now: () => 0,
}) as SpreadConstraintFilter;

function foo(spreadConstraints: SpreadConstraint[]) {
  const b = makeBinding('foo');
  return { ...b, spec: { ...b.spec, placement: { ...b.spec.placement, spreadConstraints } } };
}

describe('SpreadConstraint filter', () => {
  it.each<{ name: string; constraints: SpreadConstraint[]; cluster: Cluster; want: Status }>([
    {
      name: 'no constraint passes every cluster',
      constraints: [],
      cluster: makeCluster('m').build(),
      want: Status.success,
    },
    {
      name: 'spreading by cluster passes every cluster',
      constraints: [{ spreadByField: 'cluster', minGroups: 1 }],
      cluster: makeCluster('m').build(),
      want: Status.success,
    },
    {
      name: 'spreading by region rejects a cluster without a region',
      constraints: [{ spreadByField: 'region' }, { spreadByField: 'cluster' }],
      cluster: makeCluster('m').build(),
      want: Status.unschedulable('did not have region property'),
    },
    {
      name: 'spreading by region passes a cluster with one',
      constraints: [{ spreadByField: 'region' }],
      cluster: makeCluster('m').region('eu').build(),
      want: Status.success,
    },
    {
      name: 'spreading by zone rejects a cluster without zones',
      constraints: [{ spreadByField: 'zone' }],
      cluster: makeCluster('m').region('eu').build(),
      want: Status.unschedulable('did not have zone property'),
    },
    {
      name: 'spreading by provider rejects a cluster without a provider',
      constraints: [{ spreadByField: 'provider' }],
      cluster: makeCluster('m').build(),
      want: Status.unschedulable('did not have provider property'),
    },
    {
      name: 'spreading by a label rejects a cluster without it',
      constraints: [{ spreadByLabel: 'topology/rack' }],
      cluster: makeCluster('m').build(),
      want: Status.unschedulable('did not have label topology/rack property'),
    },
  ])('$name', ({ constraints, cluster, want }) => {
    expect(plugin.filter(new CycleState(), foo(constraints), cluster)).toEqual(want);
  });
});
