import type { Cluster } from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import { maintenanceTaint } from './maintenance-taint';
import { UnschedulableTainter } from './unschedulable-tainter';

const KEY = 'clusters.clusternet.io/unschedulable';
const tainted = (cluster: ReturnType<typeof makeCluster>) =>
  cluster.taint({ key: KEY, value: 'ClusterStatusUnknown', effect: 'NoSchedule', timeAdded: 1 });

describe('UnschedulableTainter', () => {
  it.each<{ name: string; cluster: Cluster; want: unknown }>([
    {
      name: 'a cluster whose heartbeat stopped gets the taint with the reason as value',
      cluster: makeCluster('c').ready('Unknown', 'ClusterStatusUnknown').build(),
      want: {
        add: [{ key: KEY, value: 'ClusterStatusUnknown', effect: 'NoSchedule' }],
        remove: [],
      },
    },
    {
      name: 'a cluster whose apiserver is unhealthy gets the same key with its own reason',
      cluster: makeCluster('c').ready('False', 'ManagedClusterNotReady').build(),
      want: {
        add: [{ key: KEY, value: 'ManagedClusterNotReady', effect: 'NoSchedule' }],
        remove: [],
      },
    },
    {
      name: 'a ready cluster loses the taint',
      cluster: tainted(makeCluster('c').ready('True', 'ManagedClusterReady')).build(),
      want: { add: [], remove: [{ key: KEY, effect: 'NoSchedule' }] },
    },
    {
      name: 'a ready untainted cluster needs nothing',
      cluster: makeCluster('c').ready('True').build(),
      want: { add: [], remove: [] },
    },
    {
      name: 'a tainted cluster keeps its taint when the reason changes',
      cluster: tainted(makeCluster('c').ready('False', 'ManagedClusterNotReady')).build(),
      want: { add: [], remove: [] },
    },
    {
      name: 'a cluster without a Ready condition is left alone',
      cluster: makeCluster('c').build(),
      want: { add: [], remove: [] },
    },
    {
      name: 'a manual cordon is never touched',
      cluster: makeCluster('c').ready('True').taint(maintenanceTaint('NoExecute')).build(),
      want: { add: [], remove: [] },
    },
  ])('$name', ({ cluster, want }) => {
    expect(new UnschedulableTainter().reconcile(cluster)).toEqual(want);
  });
});

describe('maintenanceTaint', () => {
  it('uses the maintenance key, NoSchedule unless told otherwise', () => {
    expect(maintenanceTaint()).toEqual({ key: 'lifeboat.dev/maintenance', effect: 'NoSchedule' });
    expect(maintenanceTaint('NoExecute', 'upgrade')).toEqual({
      key: 'lifeboat.dev/maintenance',
      value: 'upgrade',
      effect: 'NoExecute',
    });
  });
});
