import type { Binding, EvictionTask, Toleration } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { FailOverPolicy, type FailOverPolicySettings } from './failover-policy';

const KEY = 'clusters.clusternet.io/unschedulable';
const defaults: FailOverPolicySettings = {
  failOver: true,
  honorTolerationSeconds: false,
  keepOldReplicasUntilReady: false,
  gracefulEvictionTimeoutMs: 600_000,
};
const down = makeCluster('m1')
  .ready('Unknown', 'ClusterStatusUnknown')
  .taint({ key: KEY, value: 'ClusterStatusUnknown', effect: 'NoSchedule', timeAdded: 1_000 })
  .build();
const healthy = makeCluster('m2').ready('True').build();

function binding(
  tolerations: Toleration[] = [],
  extra: Partial<Binding['spec']> = {},
  status?: Binding['status'],
): Binding {
  const base = makeBinding('web', {
    replicas: 4,
    placement: {
      clusterTolerations: tolerations,
      replicaScheduling: { type: 'Divided', division: 'StaticWeight', staticWeightList: [] },
    },
    clusters: [
      { name: 'm1', replicas: 2 },
      { name: 'm2', replicas: 2 },
    ],
  });
  return { ...base, spec: { ...base.spec, ...extra }, ...(status ? { status } : {}) };
}

describe('FailOverPolicy.decide', () => {
  it.each([
    {
      name: 'with the gate on a cluster carrying the unschedulable taint is left at once and directly',
      settings: defaults,
      tolerations: [],
      want: {
        evict: {
          purgeMode: 'Directly',
          reason: 'TaintUntolerated',
          producer: 'ClusternetFailOver',
          message:
            "cluster m1 had taint {clusters.clusternet.io/unschedulable: ClusterStatusUnknown}, that the subscription didn't tolerate",
        },
      },
    },
    {
      name: 'with the gate off nothing is ever evicted',
      settings: { ...defaults, failOver: false },
      tolerations: [],
      want: {},
    },
    {
      name: "a subscription tolerating the taint stays (Clusternet's opt-out)",
      settings: defaults,
      tolerations: [{ key: KEY, operator: 'Exists' as const }],
      want: {},
    },
    {
      name: 'tolerationSeconds is ignored by default, as in Clusternet',
      settings: defaults,
      tolerations: [{ key: KEY, operator: 'Exists' as const, tolerationSeconds: 30 }],
      want: {},
    },
    {
      name: 'with honorTolerationSeconds a running toleration delays eviction until it runs out',
      settings: { ...defaults, honorTolerationSeconds: true },
      tolerations: [{ key: KEY, operator: 'Exists' as const, tolerationSeconds: 300 }],
      want: { recheckAt: 301_000 },
    },
    {
      name: 'with keepOldReplicasUntilReady the cluster is left gracefully with the timeout as grace',
      settings: { ...defaults, keepOldReplicasUntilReady: true },
      tolerations: [],
      want: {
        evict: expect.objectContaining({ purgeMode: 'Gracefully', gracePeriodSeconds: 600 }),
      },
    },
  ])('$name', ({ settings, tolerations, want }) => {
    expect(new FailOverPolicy(settings).decide(binding(tolerations), down, 10_000)).toEqual(want);
  });

  it('evicts once an honoured toleration has run out', () => {
    const policy = new FailOverPolicy({ ...defaults, honorTolerationSeconds: true });
    const decision = policy.decide(
      binding([{ key: KEY, operator: 'Exists', tolerationSeconds: 300 }]),
      down,
      301_000,
    );
    expect(decision.evict?.purgeMode).toBe('Directly');
  });

  it('leaves a healthy cluster alone', () => {
    expect(new FailOverPolicy(defaults).decide(binding(), healthy, 10_000)).toEqual({});
  });

  it('moves off a cordoned cluster too, since the filter would reject it', () => {
    const cordoned = makeCluster('m2')
      .ready('True')
      .taint({ key: 'lifeboat.dev/maintenance', effect: 'NoExecute' })
      .build();
    expect(new FailOverPolicy(defaults).decide(binding(), cordoned, 0).evict?.reason).toBe(
      'TaintUntolerated',
    );
  });

  it('ignores PreferNoSchedule taints', () => {
    const preferred = makeCluster('m2')
      .ready('True')
      .taint({ key: 'x', effect: 'PreferNoSchedule' })
      .build();
    expect(new FailOverPolicy(defaults).decide(binding(), preferred, 0)).toEqual({});
  });
});

describe('FailOverPolicy.review', () => {
  const task = (
    purgeMode: EvictionTask['purgeMode'],
    gracePeriodSeconds?: number,
  ): EvictionTask => ({
    fromCluster: 'm1',
    purgeMode,
    reason: 'TaintUntolerated',
    producer: 'ClusternetFailOver',
    creationTimestamp: 10_000,
    replicas: 2,
    ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
  });
  const movedOff = (ready: number) =>
    binding(
      [],
      { clusters: [{ name: 'm2', replicas: 4 }] },
      {
        aggregatedStatus: [
          { clusterName: 'm2', applied: true, health: 'Healthy', readyReplicas: ready },
        ],
      },
    );

  it.each([
    {
      name: 'a direct task is done once the binding left the cluster',
      b: movedOff(0),
      t: task('Directly'),
      now: 10_000,
      want: { done: true, reason: 'LeftCluster' },
    },
    {
      name: 'a direct task waits while the binding still targets the cluster',
      b: binding(),
      t: task('Directly'),
      now: 10_000,
      want: { done: false },
    },
    {
      name: 'a graceful task ends when the new placement is ready',
      b: movedOff(4),
      t: task('Gracefully', 600),
      now: 20_000,
      want: { done: true, reason: 'NewPlacementReady' },
    },
    {
      name: 'a graceful task waits for the new replicas until the grace ends',
      b: movedOff(3),
      t: task('Gracefully', 600),
      now: 20_000,
      want: { done: false, recheckAt: 610_000 },
    },
    {
      name: 'a graceful task ends when the grace runs out',
      b: movedOff(3),
      t: task('Gracefully', 600),
      now: 610_000,
      want: { done: true, reason: 'GracePeriodExpired' },
    },
    {
      name: 'a graceful task waits while replicas are still missing',
      b: binding(
        [],
        { clusters: [{ name: 'm2', replicas: 2 }] },
        {
          aggregatedStatus: [
            { clusterName: 'm2', applied: true, health: 'Healthy', readyReplicas: 2 },
          ],
        },
      ),
      t: task('Gracefully', 600),
      now: 20_000,
      want: { done: false, recheckAt: 610_000 },
    },
  ])('$name', ({ b, t, now, want }) => {
    expect(new FailOverPolicy(defaults).review(b, t, now)).toEqual(want);
  });
});
