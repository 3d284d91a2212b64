import type {
  AggregatedStatusItem,
  Binding,
  FailoverBehavior,
  WorkloadHealth,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseFailover } from '../api/parse-policy';
import { ApplicationFailover } from './application-failover';

const member1 = makeCluster('member1').build();

function binding(
  health: WorkloadHealth | undefined,
  failover: FailoverBehavior | undefined,
  healthSince?: number,
): Binding {
  const b = makeBinding('foo', {
    replicas: 2,
    clusters: [{ name: 'member1', replicas: 2 }],
    ...(failover ? { failover } : {}),
  });
  const item: AggregatedStatusItem | undefined = health
    ? {
        clusterName: 'member1',
        applied: true,
        health,
        readyReplicas: 0,
        ...(healthSince !== undefined ? { healthSince } : {}),
      }
    : undefined;
  return { ...b, status: { aggregatedStatus: item ? [item] : [] } };
}

const DEFAULTS = parseFailover({ application: {} });

describe('ApplicationFailover.decide', () => {
  it.each<{
    name: string;
    health?: WorkloadHealth;
    failover?: FailoverBehavior;
    since?: number;
    now: number;
    want: object;
  }>([
    {
      name: 'does nothing without failover.application',
      health: 'Unhealthy',
      since: 0,
      now: 1_000_000,
      want: {},
    },
    {
      name: 'does nothing while the workload is healthy',
      health: 'Healthy',
      failover: DEFAULTS,
      since: 0,
      now: 1_000_000,
      want: {},
    },
    {
      name: 'does nothing while health is Unknown',
      health: 'Unknown',
      failover: DEFAULTS,
      since: 0,
      now: 1_000_000,
      want: {},
    },
    {
      name: 'waits tolerationSeconds (default 300) from when the workload turned unhealthy',
      health: 'Unhealthy',
      failover: DEFAULTS,
      since: 10_000,
      now: 20_000,
      want: { recheckAt: 310_000 },
    },
    {
      name: 'evicts once unhealthy for tolerationSeconds, gracefully with the default 600 s grace period',
      health: 'Unhealthy',
      failover: DEFAULTS,
      since: 10_000,
      now: 310_000,
      want: {
        evict: {
          purgeMode: 'Gracefully',
          reason: 'ApplicationFailure',
          producer: 'resource-binding-application-failover-controller',
          message: 'workload has been unhealthy on cluster member1 for 300s',
          gracePeriodSeconds: 600,
        },
      },
    },
    {
      name: 'purge mode Never writes a task with suppressDeletion',
      health: 'Unhealthy',
      failover: parseFailover({
        application: { purgeMode: 'Never', decisionConditions: { tolerationSeconds: 0 } },
      }),
      since: 10_000,
      now: 10_000,
      want: {
        evict: {
          purgeMode: 'Never',
          reason: 'ApplicationFailure',
          producer: 'resource-binding-application-failover-controller',
          message: 'workload has been unhealthy on cluster member1 for 0s',
          suppressDeletion: true,
        },
      },
    },
  ])('$name', ({ health, failover, since, now, want }) => {
    expect(
      new ApplicationFailover(true).decide(binding(health, failover, since), member1, now),
    ).toEqual(want);
  });

  it('counts from its first sighting when the actuator gives no healthSince, and a healthy report resets it', () => {
    const decider = new ApplicationFailover(true);
    expect(decider.decide(binding('Unhealthy', DEFAULTS), member1, 50_000)).toEqual({
      recheckAt: 350_000,
    });
    expect(decider.decide(binding('Unhealthy', DEFAULTS), member1, 200_000)).toEqual({
      recheckAt: 350_000,
    });
    expect(decider.decide(binding('Healthy', DEFAULTS), member1, 250_000)).toEqual({});
    expect(decider.decide(binding('Unhealthy', DEFAULTS), member1, 300_000)).toEqual({
      recheckAt: 600_000,
    });
  });

  it('writes Directly instead of Gracefully when the GracefulEviction gate is off', () => {
    expect(
      new ApplicationFailover(false).decide(binding('Unhealthy', DEFAULTS, 0), member1, 300_000)
        .evict,
    ).toMatchObject({ purgeMode: 'Directly' });
  });
});
