import type { Binding, Cluster } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseFailover } from '../api/parse-policy';
import {
  KarmadaEvictionPolicy,
  type KarmadaEvictionPolicyOptions,
} from './karmada-eviction-policy';

const OPTIONS: KarmadaEvictionPolicyOptions = {
  taintEvictionEnabled: true,
  gracefulEvictionEnabled: true,
  defaultPurgeMode: 'Gracefully',
  resourceEvictionRate: 0.5,
  gracefulEvictionTimeoutMs: 600_000,
};

const tainted: Cluster = makeCluster('member1')
  .taint({ key: 'cluster.karmada.io/not-ready', effect: 'NoExecute', timeAdded: 0 })
  .build();

function unhealthyFoo(): Binding {
  const b = makeBinding('foo', {
    replicas: 1,
    clusters: [{ name: 'member1', replicas: 1 }],
    failover: parseFailover({ application: { decisionConditions: { tolerationSeconds: 60 } } }),
  });
  return {
    ...b,
    status: {
      aggregatedStatus: [
        {
          clusterName: 'member1',
          applied: true,
          health: 'Unhealthy',
          readyReplicas: 0,
          healthSince: 0,
        },
      ],
    },
  };
}

describe('KarmadaEvictionPolicy', () => {
  it('lets the taint manager decide first', () => {
    expect(
      new KarmadaEvictionPolicy(OPTIONS).decide(unhealthyFoo(), tainted, 1_000).evict?.reason,
    ).toBe('TaintUntolerated');
  });

  it('falls back to application failover when taint eviction is off', () => {
    const policy = new KarmadaEvictionPolicy({ ...OPTIONS, taintEvictionEnabled: false });
    expect(policy.decide(unhealthyFoo(), tainted, 1_000)).toEqual({ recheckAt: 60_000 });
    expect(policy.decide(unhealthyFoo(), tainted, 60_000).evict?.reason).toBe('ApplicationFailure');
  });

  it('asks to be called again at the earliest of both deadlines', () => {
    const tolerating = unhealthyFoo();
    const withToleration: Binding = {
      ...tolerating,
      spec: {
        ...tolerating.spec,
        placement: {
          ...tolerating.spec.placement,
          clusterTolerations: [
            { key: 'cluster.karmada.io/not-ready', operator: 'Exists', tolerationSeconds: 30 },
          ],
        },
      },
    };
    expect(new KarmadaEvictionPolicy(OPTIONS).decide(withToleration, tainted, 1_000)).toEqual({
      recheckAt: 30_000,
    });
  });

  it.each([
    { name: 'resourceEvictionRate sets the eviction rate', rate: 0.5, want: 0.5 },
    { name: 'a rate of 0 still lets one eviction through every 1800 s', rate: 0, want: 1 / 1800 },
  ])('$name', ({ rate, want }) => {
    expect(
      new KarmadaEvictionPolicy({ ...OPTIONS, resourceEvictionRate: rate }).evictionsPerSecond,
    ).toBe(want);
  });
});
