import { VirtualClock, parseResourceList } from '@lifeboat/core';
import { MemberCluster } from './member-cluster';
import { ReplicaSet } from './replica-set';

describe('MemberCluster.admitPending', () => {
  const clock = new VirtualClock(0);
  const replicaSet = () => new ReplicaSet(clock, 1000, () => undefined);
  const request = parseResourceList({ cpu: '1' });

  it('admits what room frees after a scale-down, a removal and a new workload', () => {
    const member = new MemberCluster('a', parseResourceList({ cpu: '4', pods: '10' }));
    const big = replicaSet();
    const small = replicaSet();
    member.track('ns/big', request, big);
    big.scaleTo(3);
    member.admitPending(() => true);
    member.track('ns/small', request, small);
    small.scaleTo(3);
    member.admitPending(() => true);
    expect([big.admitted, small.admitted, small.pending]).toEqual([3, 1, 2]);

    // The running sum must see the scale-down it was not told about.
    big.scaleTo(2);
    member.admitPending(() => true);
    expect([small.admitted, small.pending]).toEqual([2, 1]);

    big.dispose();
    member.untrack('ns/big');
    const late = replicaSet();
    member.track('ns/late', request, late);
    late.scaleTo(3);
    member.admitPending(() => true);
    // Arrival order: small takes the freed cpu first, late gets what is left.
    expect([small.admitted, small.pending, late.admitted, late.pending]).toEqual([3, 0, 1, 2]);
  });

  it('counts a workload tracked again with new replicas from zero', () => {
    const member = new MemberCluster('a', parseResourceList({ cpu: '2' }));
    const first = replicaSet();
    member.track('ns/w', request, first);
    first.scaleTo(2);
    member.admitPending(() => true);
    const again = replicaSet();
    member.track('ns/w', request, again);
    again.scaleTo(2);
    member.admitPending(() => true);
    expect([again.admitted, again.pending]).toEqual([2, 0]);
  });
});
