import {
  READY_CONDITION,
  VirtualClock,
  findCondition,
  setCondition,
  type Cluster,
  type Lease,
} from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import { FakeClusterProber } from '../testing/fake-cluster-prober';
import { KarmadaHealthDetector } from './karmada-health-detector';

const OPTIONS = {
  statusUpdateFrequencyMs: 10_000,
  successThresholdMs: 30_000,
  failureThresholdMs: 30_000,
  monitorPeriodMs: 5_000,
  monitorGraceMs: 40_000,
  startupGraceMs: 60_000,
};

/** Runs the detector like the health controller does: check, store the verdict, wait recheckAfterMs. */
async function runFor(
  detector: KarmadaHealthDetector,
  clock: VirtualClock,
  cluster: Cluster,
  untilMs: number,
  onTick?: (now: number) => void,
): Promise<{ cluster: Cluster; changes: [number, string][] }> {
  const changes: [number, string][] = [];
  let current = cluster;
  while (clock.now() <= untilMs) {
    onTick?.(clock.now());
    const observation = await detector.check(current);
    const before = findCondition(current.status?.conditions, READY_CONDITION)?.status;
    if (observation.ready)
      current = {
        ...current,
        status: {
          ...current.status,
          conditions: setCondition(current.status?.conditions, observation.ready),
        },
      };
    const after = findCondition(current.status?.conditions, READY_CONDITION)?.status;
    if (after && after !== before) changes.push([clock.now(), after]);
    await clock.advance(observation.recheckAfterMs);
  }
  return { cluster: current, changes };
}

describe('KarmadaHealthDetector on Push clusters', () => {
  it('declares a dead cluster False/ClusterNotReachable 30-40 s after its first failed probe', async () => {
    const clock = new VirtualClock(0);
    const prober = new FakeClusterProber();
    const detector = new KarmadaHealthDetector(prober, clock, OPTIONS);
    const { changes, cluster } = await runFor(
      detector,
      clock,
      makeCluster('member1').build(),
      120_000,
      (now) => {
        if (now === 35_000 || now === 30_000) prober.fail('member1');
      },
    );
    expect(changes).toEqual([
      [0, 'True'],
      [60_000, 'False'],
    ]);
    expect(findCondition(cluster.status?.conditions, READY_CONDITION)?.reason).toBe(
      'ClusterNotReachable',
    );
    expect(prober.probes('member1')).toBe(13);
  });

  it('declares a cluster whose /readyz is not ok False/ClusterNotReady, and True again after 30 s healthy', async () => {
    const clock = new VirtualClock(0);
    const prober = new FakeClusterProber();
    const detector = new KarmadaHealthDetector(prober, clock, OPTIONS);
    const { changes } = await runFor(
      detector,
      clock,
      makeCluster('member1').build(),
      200_000,
      (now) => {
        if (now === 20_000) prober.degrade('member1');
        if (now === 100_000) prober.recover('member1');
      },
    );
    expect(changes).toEqual([
      [0, 'True'],
      [50_000, 'False'],
      [130_000, 'True'],
    ]);
  });

  it('reports every verdict to the ready listener', async () => {
    const clock = new VirtualClock(0);
    const seen: [string, boolean][] = [];
    const detector = new KarmadaHealthDetector(
      new FakeClusterProber(),
      clock,
      OPTIONS,
      undefined,
      (name, ready) => seen.push([name, ready]),
    );
    await detector.check(makeCluster('member1').build());
    expect(seen).toEqual([['member1', true]]);
  });
});

describe('KarmadaHealthDetector on Pull clusters', () => {
  const pullCluster = (): Cluster => {
    const c = makeCluster('member1').syncMode('Pull').ready('True').build();
    return { ...c, status: { ...c.status, lastHeartbeatTime: 0, readyz: true } };
  };

  it('never probes; turns Ready Unknown 40 s after the agent stopped reporting', async () => {
    const clock = new VirtualClock(0);
    const prober = new FakeClusterProber();
    const detector = new KarmadaHealthDetector(prober, clock, OPTIONS);
    let cluster = pullCluster();
    const heartbeatsUntil = 20_000;
    const changes: [number, string][] = [];
    while (clock.now() <= 120_000) {
      if (clock.now() <= heartbeatsUntil)
        cluster = { ...cluster, status: { ...cluster.status, lastHeartbeatTime: clock.now() } };
      const observation = await detector.check(cluster);
      if (
        observation.ready &&
        observation.ready.status !==
          findCondition(cluster.status?.conditions, READY_CONDITION)?.status
      ) {
        changes.push([clock.now(), `${observation.ready.status}/${observation.ready.reason}`]);
        cluster = {
          ...cluster,
          status: {
            ...cluster.status,
            conditions: setCondition(cluster.status?.conditions, observation.ready),
          },
        };
      }
      expect(observation.recheckAfterMs).toBe(5_000);
      await clock.advance(observation.recheckAfterMs);
    }
    expect(changes).toEqual([[65_000, 'Unknown/ClusterStatusUnknown']]);
    expect(prober.probes('member1')).toBe(0);
  });

  it('counts a renewed lease in karmada-cluster/<name> as a sign of life', async () => {
    const clock = new VirtualClock(100_000);
    const keys: string[] = [];
    const lease: Lease = {
      metadata: { name: 'member1', namespace: 'karmada-cluster' },
      spec: { leaseDurationSeconds: 40, renewTime: 90_000 },
    };
    const detector = new KarmadaHealthDetector(
      new FakeClusterProber(),
      clock,
      OPTIONS,
      async (key) => {
        keys.push(key);
        return lease;
      },
    );
    const observation = await detector.check(pullCluster());
    expect(keys).toEqual(['karmada-cluster/member1']);
    expect(observation.ready?.status).toBe('True');
  });

  it('debounces the agent readyz verdict with the failure threshold while it reports', async () => {
    const clock = new VirtualClock(0);
    const detector = new KarmadaHealthDetector(new FakeClusterProber(), clock, OPTIONS);
    const base = pullCluster();
    const at = async (now: number, readyz: boolean | undefined) => {
      await clock.advanceTo(now);
      return (
        await detector.check({
          ...base,
          status: { ...base.status, lastHeartbeatTime: now, readyz },
        })
      ).ready?.status;
    };
    expect(await at(0, true)).toBe('True');
    expect(await at(5_000, false)).toBe('True');
    expect(await at(34_999, false)).toBe('True');
    expect(await at(35_000, false)).toBe('False');
    expect(await at(40_000, undefined)).toBeUndefined();
  });

  it('is Ready again as soon as the agent reports healthy after an outage, as Karmada agents post their own verdict', async () => {
    const clock = new VirtualClock(0);
    const detector = new KarmadaHealthDetector(new FakeClusterProber(), clock, OPTIONS);
    let cluster = pullCluster();
    const check = async (now: number, heartbeat: number) => {
      await clock.advanceTo(now);
      const observation = await detector.check({
        ...cluster,
        status: { ...cluster.status, lastHeartbeatTime: heartbeat },
      });
      if (observation.ready)
        cluster = {
          ...cluster,
          status: {
            ...cluster.status,
            conditions: setCondition(cluster.status?.conditions, observation.ready),
          },
        };
      return observation.ready?.status;
    };
    expect(await check(0, 0)).toBe('True');
    expect(await check(50_000, 0)).toBe('Unknown');
    expect(await check(60_000, 60_000)).toBe('True');
  });
});
