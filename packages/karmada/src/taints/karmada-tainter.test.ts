import { formatTaint, type Cluster, type ConditionStatus, type Taint } from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import type { ClusterTaintPolicy } from './cluster-taint-policy';
import { DEFAULT_TAINT_POLICIES } from './default-taint-policy';
import { KarmadaTainter } from './karmada-tainter';
import { TAINT_CLUSTER_UNSCHEDULABLE } from './taint-keys';

function cluster(ready: ConditionStatus, taints: Taint[] = []): Cluster {
  let builder = makeCluster('member1').ready(ready);
  for (const t of taints) builder = builder.taint(t);
  return builder.build();
}

const change = (tainter: KarmadaTainter, c: Cluster) => {
  const result = tainter.reconcile(c);
  return { add: result.add.map(formatTaint).sort(), remove: result.remove.map(formatTaint).sort() };
};

describe('KarmadaTainter with the shipped default policies', () => {
  const tainter = new KarmadaTainter(DEFAULT_TAINT_POLICIES);

  it.each<{
    name: string;
    ready: ConditionStatus;
    taints?: Taint[];
    want: { add: string[]; remove: string[] };
  }>([
    {
      name: 'Ready False adds not-ready with NoSchedule and NoExecute',
      ready: 'False',
      want: {
        add: ['cluster.karmada.io/not-ready:NoExecute', 'cluster.karmada.io/not-ready:NoSchedule'],
        remove: [],
      },
    },
    {
      name: 'Ready Unknown adds unreachable with NoSchedule and NoExecute',
      ready: 'Unknown',
      want: {
        add: [
          'cluster.karmada.io/unreachable:NoExecute',
          'cluster.karmada.io/unreachable:NoSchedule',
        ],
        remove: [],
      },
    },
    {
      name: 'False to Unknown swaps not-ready for unreachable',
      ready: 'Unknown',
      taints: [
        { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' },
        { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' },
      ],
      want: {
        add: [
          'cluster.karmada.io/unreachable:NoExecute',
          'cluster.karmada.io/unreachable:NoSchedule',
        ],
        remove: [
          'cluster.karmada.io/not-ready:NoExecute',
          'cluster.karmada.io/not-ready:NoSchedule',
        ],
      },
    },
    {
      name: 'Ready True removes every system taint and keeps a manual cordon',
      ready: 'True',
      taints: [
        { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' },
        { key: TAINT_CLUSTER_UNSCHEDULABLE, effect: 'NoExecute' },
      ],
      want: { add: [], remove: ['cluster.karmada.io/not-ready:NoExecute'] },
    },
    {
      name: 'taints already present are not added again',
      ready: 'False',
      taints: [
        { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' },
        { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' },
      ],
      want: { add: [], remove: [] },
    },
  ])('$name', ({ ready, taints, want }) => {
    expect(change(tainter, cluster(ready, taints))).toEqual(want);
  });
});

describe('KarmadaTainter with custom policies', () => {
  const addMaintenance: ClusterTaintPolicy = {
    name: 'older',
    creationTimestamp: 1,
    addOnConditions: [{ conditionType: 'Ready', operator: 'In', statusValues: ['False'] }],
    taints: [{ key: 'example.com/down', effect: 'NoExecute' }],
  };
  const removeMaintenance: ClusterTaintPolicy = {
    name: 'newer',
    creationTimestamp: 2,
    removeOnConditions: [{ conditionType: 'Ready', operator: 'In', statusValues: ['False'] }],
    taints: [{ key: 'example.com/down', effect: 'NoExecute' }],
  };

  it('applies policies oldest first, so a newer policy can undo an older one', () => {
    expect(
      change(new KarmadaTainter([removeMaintenance, addMaintenance]), cluster('False')).add,
    ).toEqual(['cluster.karmada.io/not-ready:NoSchedule']);
  });

  it('with no policies only the NoSchedule condition taints are managed (Karmada v1.14+ out of the box)', () => {
    expect(change(new KarmadaTainter([]), cluster('False'))).toEqual({
      add: ['cluster.karmada.io/not-ready:NoSchedule'],
      remove: [],
    });
  });

  it('skips every policy when policies are disabled (Failover gate off)', () => {
    expect(change(new KarmadaTainter(DEFAULT_TAINT_POLICIES, false), cluster('False'))).toEqual({
      add: ['cluster.karmada.io/not-ready:NoSchedule'],
      remove: [],
    });
  });
});
