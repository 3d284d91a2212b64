import type { ConditionStatus, Taint, TaintChange } from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import { ConditionTainter } from './condition-tainter';

const NOT_READY: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' };
const UNREACHABLE: Taint = { key: 'cluster.karmada.io/unreachable', effect: 'NoSchedule' };

describe('ConditionTainter', () => {
  it.each<{ name: string; ready?: ConditionStatus; want: TaintChange }>([
    {
      name: 'a cluster with no Ready condition yet gets not-ready:NoSchedule',
      want: { add: [NOT_READY], remove: [] },
    },
    {
      name: 'Ready False adds not-ready:NoSchedule and drops unreachable',
      ready: 'False',
      want: { add: [NOT_READY], remove: [UNREACHABLE] },
    },
    {
      name: 'Ready Unknown adds unreachable:NoSchedule and drops not-ready',
      ready: 'Unknown',
      want: { add: [UNREACHABLE], remove: [NOT_READY] },
    },
    {
      name: 'Ready True removes both',
      ready: 'True',
      want: { add: [], remove: [NOT_READY, UNREACHABLE] },
    },
  ])('$name', ({ ready, want }) => {
    const builder = makeCluster('member1');
    const cluster = (ready ? builder.ready(ready) : builder).build();
    expect(new ConditionTainter().reconcile(cluster)).toEqual(want);
  });
});
