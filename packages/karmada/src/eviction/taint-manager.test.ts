import type {
  Binding,
  Cluster,
  EvictionDecision,
  FailoverBehavior,
  Taint,
  Toleration,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { TaintManager } from './taint-manager';

const NOT_READY_NOEXECUTE: Taint = {
  key: 'cluster.karmada.io/not-ready',
  effect: 'NoExecute',
  timeAdded: 100_000,
};

function on(taints: Taint[]): Cluster {
  let builder = makeCluster('member1');
  for (const t of taints) builder = builder.taint(t);
  return builder.build();
}

function binding(tolerations: Toleration[] = [], failover?: FailoverBehavior): Binding {
  const b = makeBinding('foo', {
    replicas: 2,
    clusters: [{ name: 'member1', replicas: 2 }],
    ...(failover ? { failover } : {}),
  });
  return {
    ...b,
    spec: { ...b.spec, placement: { ...b.spec.placement, clusterTolerations: tolerations } },
  };
}

const manager = new TaintManager({ defaultPurgeMode: 'Gracefully', gracefulEvictionEnabled: true });

describe('TaintManager.decide', () => {
  it.each<{
    name: string;
    taints: Taint[];
    tolerations?: Toleration[];
    now: number;
    want: EvictionDecision;
  }>([
    {
      name: 'a cluster without NoExecute taints keeps the binding',
      taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }],
      now: 200_000,
      want: {},
    },
    {
      name: 'an untolerated NoExecute taint evicts at once',
      taints: [NOT_READY_NOEXECUTE],
      now: 100_000,
      want: {
        evict: {
          purgeMode: 'Gracefully',
          reason: 'TaintUntolerated',
          producer: 'TaintManager',
          message:
            'cluster member1 has untolerated taint {cluster.karmada.io/not-ready: } with effect NoExecute',
        },
      },
    },
    {
      name: 'a toleration without tolerationSeconds keeps the binding forever',
      taints: [NOT_READY_NOEXECUTE],
      tolerations: [
        { key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      ],
      now: 10_000_000,
      want: {},
    },
    {
      name: 'a toleration with tolerationSeconds asks to be called again when it runs out, counted from timeAdded',
      taints: [NOT_READY_NOEXECUTE],
      tolerations: [
        {
          key: 'cluster.karmada.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      now: 150_000,
      want: { recheckAt: 400_000 },
    },
    {
      name: 'the smallest tolerationSeconds over all taints wins',
      taints: [
        NOT_READY_NOEXECUTE,
        { key: 'example.com/maintenance', effect: 'NoExecute', timeAdded: 120_000 },
      ],
      tolerations: [
        { key: 'cluster.karmada.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { key: 'example.com/maintenance', operator: 'Exists', tolerationSeconds: 60 },
      ],
      now: 150_000,
      want: { recheckAt: 180_000 },
    },
    {
      name: 'one untolerated taint evicts even when the others are tolerated',
      taints: [
        NOT_READY_NOEXECUTE,
        { key: 'example.com/other', effect: 'NoExecute', timeAdded: 0 },
      ],
      tolerations: [{ key: 'cluster.karmada.io/not-ready', operator: 'Exists' }],
      now: 100_000,
      want: {
        evict: {
          purgeMode: 'Gracefully',
          reason: 'TaintUntolerated',
          producer: 'TaintManager',
          message:
            'cluster member1 has untolerated taint {example.com/other: } with effect NoExecute',
        },
      },
    },
  ])('$name', ({ taints, tolerations, now, want }) => {
    expect(manager.decide(binding(tolerations), on(taints), now)).toEqual(want);
  });

  it('evicts once the toleration has run out', () => {
    const tolerations: Toleration[] = [
      { key: 'cluster.karmada.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
    ];
    expect(
      manager.decide(binding(tolerations), on([NOT_READY_NOEXECUTE]), 399_999).evict,
    ).toBeUndefined();
    expect(
      manager.decide(binding(tolerations), on([NOT_READY_NOEXECUTE]), 400_000).evict?.message,
    ).toBe(
      'toleration of taint {cluster.karmada.io/not-ready: } on cluster member1 expired after 300s',
    );
  });

  it.each<{
    name: string;
    failover?: FailoverBehavior;
    defaultMode: 'Gracefully' | 'Directly';
    graceful: boolean;
    want: string;
  }>([
    {
      name: 'without failover.cluster the setting decides',
      defaultMode: 'Directly',
      graceful: true,
      want: 'Directly',
    },
    {
      name: 'failover.cluster.purgeMode overrides the setting',
      failover: { cluster: { purgeMode: 'Directly' } },
      defaultMode: 'Gracefully',
      graceful: true,
      want: 'Directly',
    },
    {
      name: 'failover.cluster without purgeMode means Gracefully',
      failover: { cluster: {} },
      defaultMode: 'Directly',
      graceful: true,
      want: 'Gracefully',
    },
    {
      name: 'with the GracefulEviction gate off Gracefully becomes Directly',
      defaultMode: 'Gracefully',
      graceful: false,
      want: 'Directly',
    },
  ])('purge mode: $name', ({ failover, defaultMode, graceful, want }) => {
    const m = new TaintManager({
      defaultPurgeMode: defaultMode,
      gracefulEvictionEnabled: graceful,
    });
    expect(
      m.decide(binding([], failover), on([NOT_READY_NOEXECUTE]), 100_000).evict?.purgeMode,
    ).toBe(want);
  });

  it('carries failover.cluster.gracePeriodSeconds into the task', () => {
    expect(
      manager.decide(
        binding([], { cluster: { purgeMode: 'Gracefully', gracePeriodSeconds: 120 } }),
        on([NOT_READY_NOEXECUTE]),
        100_000,
      ).evict?.gracePeriodSeconds,
    ).toBe(120);
  });
});
