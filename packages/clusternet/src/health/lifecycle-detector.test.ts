import { VirtualClock, type Cluster } from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import { LifecycleDetector, heartbeatThresholdMs } from './lifecycle-detector';

const GRACE = 9 * 60_000;

function reporting(
  lastHeartbeatTime: number | undefined,
  heartbeatFrequencySeconds?: number,
  creationTimestamp?: number,
): Cluster {
  const base = makeCluster('c1').ready('True', 'ManagedClusterReady').build();
  return {
    ...base,
    metadata: {
      ...base.metadata,
      ...(creationTimestamp === undefined ? {} : { creationTimestamp }),
    },
    status: {
      ...base.status,
      ...(lastHeartbeatTime === undefined ? {} : { lastHeartbeatTime }),
      ...(heartbeatFrequencySeconds === undefined ? {} : { heartbeatFrequencySeconds }),
      healthz: true,
      livez: true,
      readyz: true,
    },
  };
}

describe('LifecycleDetector', () => {
  it.each([
    {
      name: 'a heartbeat exactly 3 periods old is still trusted',
      now: 60_000,
      cluster: reporting(0, 20),
      want: undefined,
    },
    {
      name: 'a heartbeat just past 3 periods turns Ready Unknown',
      now: 60_001,
      cluster: reporting(0, 20),
      want: 'ClusterStatusUnknown',
    },
    {
      name: 'without a reported frequency the 9 minute grace applies',
      now: GRACE,
      cluster: reporting(0),
      want: undefined,
    },
    {
      name: 'past the 9 minute grace the cluster is Unknown',
      now: GRACE + 1,
      cluster: reporting(0),
      want: 'ClusterStatusUnknown',
    },
    {
      name: 'an agent that never reported counts from the creation time',
      now: GRACE + 1_001,
      cluster: reporting(undefined, undefined, 1_000),
      want: 'ClusterStatusNeverUpdated',
    },
    {
      name: 'a young cluster that never reported is left alone',
      now: GRACE,
      cluster: reporting(undefined, undefined, 1_000),
      want: undefined,
    },
  ])('$name', async ({ now, cluster, want }) => {
    const clock = new VirtualClock(now);
    const observation = await new LifecycleDetector(clock, {
      clusterMonitorGracePeriodMs: GRACE,
    }).check(cluster);
    expect(observation.ready?.reason).toBe(want);
  });

  it("writes Clusternet's Unknown condition and forces the probes false", async () => {
    const clock = new VirtualClock(200_000);
    const observation = await new LifecycleDetector(clock, {
      clusterMonitorGracePeriodMs: GRACE,
    }).check(reporting(100_000, 20));
    expect(observation).toEqual({
      ready: {
        type: 'Ready',
        status: 'Unknown',
        reason: 'ClusterStatusUnknown',
        message: 'Clusternet agent stopped posting cluster status.',
        lastTransitionTime: 200_000,
      },
      status: { healthz: false, livez: false, readyz: false },
      recheckAfterMs: 60_000,
    });
  });

  it('asks to be called again just past the deadline while the heartbeat is fresh', async () => {
    const clock = new VirtualClock(45_000);
    const observation = await new LifecycleDetector(clock, {
      clusterMonitorGracePeriodMs: GRACE,
    }).check(reporting(40_000, 20));
    expect(observation).toEqual({ recheckAfterMs: 55_001 });
  });

  it('counts a cluster without creation time from its first sighting', async () => {
    const clock = new VirtualClock(10_000);
    const detector = new LifecycleDetector(clock, { clusterMonitorGracePeriodMs: GRACE });
    const silent = reporting(undefined);
    expect((await detector.check(silent)).ready).toBeUndefined();
    await clock.advance(GRACE);
    expect((await detector.check(silent)).ready).toBeUndefined();
    await clock.advance(1);
    expect((await detector.check(silent)).ready?.reason).toBe('ClusterStatusNeverUpdated');
    detector.forget('c1');
    expect((await detector.check(silent)).ready).toBeUndefined();
  });
});

describe('heartbeatThresholdMs', () => {
  it.each([
    { name: 'three times a 20 s heartbeat is one minute', frequency: 20, want: 60_000 },
    {
      name: 'three times the default 3 m heartbeat is nine minutes',
      frequency: 180,
      want: 540_000,
    },
    {
      name: 'no heartbeat frequency falls back to the grace period',
      frequency: undefined,
      want: GRACE,
    },
  ])('$name', ({ frequency, want }) => {
    expect(heartbeatThresholdMs(reporting(0, frequency), GRACE)).toBe(want);
  });
});
