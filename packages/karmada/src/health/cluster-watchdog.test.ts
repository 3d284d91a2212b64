import type { Cluster, Lease } from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import { ClusterWatchdog } from './cluster-watchdog';

const watchdog = (): ClusterWatchdog =>
  new ClusterWatchdog({ monitorGraceMs: 40_000, startupGraceMs: 60_000 });

function pull(opts: { ready?: boolean; heartbeat?: number; created?: number }): Cluster {
  let builder = makeCluster('member1').syncMode('Pull');
  if (opts.ready) builder = builder.ready('True');
  const cluster = builder.build();
  return {
    ...cluster,
    metadata: {
      ...cluster.metadata,
      ...(opts.created !== undefined ? { creationTimestamp: opts.created } : {}),
    },
    status: {
      ...cluster.status,
      ...(opts.heartbeat !== undefined ? { lastHeartbeatTime: opts.heartbeat } : {}),
    },
  };
}

const lease = (renewTime: number): Lease => ({
  metadata: { name: 'member1', namespace: 'karmada-cluster' },
  spec: { leaseDurationSeconds: 40, renewTime },
});

describe('ClusterWatchdog', () => {
  it.each<{ name: string; cluster: Cluster; lease?: Lease; now: number; want: string | undefined }>(
    [
      {
        name: 'a fresh status report keeps the cluster as it is',
        cluster: pull({ ready: true, heartbeat: 100_000 }),
        now: 140_000,
        want: undefined,
      },
      {
        name: 'a report older than the monitor grace period makes Ready Unknown',
        cluster: pull({ ready: true, heartbeat: 100_000 }),
        now: 140_001,
        want: 'ClusterStatusUnknown',
      },
      {
        name: 'a renewed lease alone keeps the cluster alive',
        cluster: pull({ ready: true, heartbeat: 0 }),
        lease: lease(120_000),
        now: 150_000,
        want: undefined,
      },
      {
        name: 'a cluster that never reported gets the startup grace period from its creation',
        cluster: pull({ created: 0 }),
        now: 60_000,
        want: undefined,
      },
      {
        name: 'a cluster that never reported past the startup grace period is ClusterStatusNeverUpdated',
        cluster: pull({ created: 0 }),
        now: 60_001,
        want: 'ClusterStatusNeverUpdated',
      },
    ],
  )('$name', ({ cluster, lease: l, now, want }) => {
    const verdict = watchdog().overdue(cluster, l, now);
    expect(verdict?.reason).toBe(want);
    if (want) expect(verdict?.status).toBe('Unknown');
  });

  it('counts the startup grace from the first time it saw a cluster without a creation time', () => {
    const dog = watchdog();
    expect(dog.overdue(pull({}), undefined, 10_000)).toBeUndefined();
    expect(dog.overdue(pull({}), undefined, 70_000)).toBeUndefined();
    expect(dog.overdue(pull({}), undefined, 70_001)?.reason).toBe('ClusterStatusNeverUpdated');
  });

  it('keeps an Unknown condition as it is, so its transition time is not renewed', () => {
    const cluster = pull({ heartbeat: 0 });
    const unknown = {
      type: 'Ready',
      status: 'Unknown' as const,
      reason: 'ClusterStatusUnknown',
      message: 'm',
      lastTransitionTime: 50_000,
    };
    const stale = { ...cluster, status: { ...cluster.status, conditions: [unknown] } };
    expect(watchdog().overdue(stale, undefined, 100_000)).toBe(unknown);
  });
});
