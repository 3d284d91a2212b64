import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import type { WorkloadGroupView } from '../../contracts/workload-groups';
import type { Binding } from '../../model/binding';
import { Status } from '../status';
import {
  filterByAffinityGroup,
  filterByAntiAffinityGroup,
  workloadGroupEquivalenceKey,
} from './workload-group-filters';

const REJECTIONS = {
  breaksGroup: Status.unschedulable('breaks'),
  noView: Status.unschedulable('no view'),
};

function grouped(groups: Binding['spec']['workloadAffinityGroups'], on: string[] = []): Binding {
  const b = makeBinding('app');
  return {
    ...b,
    spec: {
      ...b.spec,
      workloadAffinityGroups: groups,
      clusters: on.map((name) => ({ name, replicas: 1 })),
    },
  };
}

function view(affinity: string[] | undefined, antiAffinity: string[] = []): WorkloadGroupView {
  return {
    affinityPeers: () => [],
    affinityClusters: () => (affinity ? new Set(affinity) : undefined),
    antiAffinityClusters: () => new Set(antiAffinity),
    leavingClusters: () => new Set(),
  };
}

const member = (name: string) => makeCluster(name).build();

describe('filterByAffinityGroup', () => {
  const binding = grouped({ affinityGroup: 'shop' });

  it.each([
    {
      name: 'a cluster where the placed peers run passes',
      groups: view(['m1']),
      cluster: 'm1',
      want: Status.success,
    },
    {
      name: 'a cluster the group does not run on is rejected',
      groups: view(['m1']),
      cluster: 'm2',
      want: REJECTIONS.breaksGroup,
    },
    {
      name: 'the first of a group (no placed peer) passes everywhere',
      groups: view(undefined),
      cluster: 'm2',
      want: Status.success,
    },
    {
      name: 'without a view the group cannot be checked',
      groups: undefined,
      cluster: 'm1',
      want: REJECTIONS.noView,
    },
  ])('$name', ({ groups, cluster, want }) => {
    expect(filterByAffinityGroup(groups, binding, member(cluster), REJECTIONS)).toBe(want);
  });

  it('never rejects a cluster the binding already uses, nor a binding without a group', () => {
    expect(
      filterByAffinityGroup(
        view(['m1']),
        grouped({ affinityGroup: 'shop' }, ['m2']),
        member('m2'),
        REJECTIONS,
      ),
    ).toBe(Status.success);
    expect(filterByAffinityGroup(undefined, grouped(undefined), member('m2'), REJECTIONS)).toBe(
      Status.success,
    );
  });
});

describe('filterByAntiAffinityGroup', () => {
  const binding = grouped({ antiAffinityGroup: 'replicas' });

  it('rejects a cluster another workload of the group targets and passes the others', () => {
    expect(
      filterByAntiAffinityGroup(view(undefined, ['m1']), binding, member('m1'), REJECTIONS),
    ).toBe(REJECTIONS.breaksGroup);
    expect(
      filterByAntiAffinityGroup(view(undefined, ['m1']), binding, member('m2'), REJECTIONS),
    ).toBe(Status.success);
    expect(filterByAntiAffinityGroup(undefined, binding, member('m2'), REJECTIONS)).toBe(
      REJECTIONS.noView,
    );
  });

  it('keeps a cluster the binding already uses', () => {
    const placed = grouped({ antiAffinityGroup: 'replicas' }, ['m1']);
    expect(
      filterByAntiAffinityGroup(view(undefined, ['m1']), placed, member('m1'), REJECTIONS),
    ).toBe(Status.success);
  });
});

describe('workloadGroupEquivalenceKey', () => {
  it('shares the verdict of ungrouped bindings only', () => {
    expect(workloadGroupEquivalenceKey(undefined)).toBe('');
    expect(workloadGroupEquivalenceKey('shop')).toBeUndefined();
  });
});
