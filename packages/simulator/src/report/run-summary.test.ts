import pino from 'pino';
import { loadScenario } from '../scenario/load-scenario';
import { testDoubleFlavor } from '../testing/test-double-flavor';
import { runScenario } from '../run/run-scenario';
import { clusterChangedAfterStartup, summarizeRun } from './run-summary';
import type {
  ClusterReport,
  SimulationReport,
  TimelineEntry,
  WorkloadReport,
} from './simulation-report';

const scenario = (events: string, workloads?: string) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: unit}
spec:
  flavor: test-double
  duration: 15m
  clusters: [{name: a, region: r1}, {name: b, region: r1}, {name: c, region: r2}]
  workloads: ${workloads ?? '[{name: foo, replicas: 4, placement: {clusterNames: [a, b, c]}}]'}
  events: ${events}
`;
const core = { logger: pino({ level: 'silent' }) };
const run = (text: string) => runScenario(loadScenario(text, [testDoubleFlavor]), { core });

describe('the run summary on the virtual clock', () => {
  it('sums up a failed cluster: detection, the eviction it caused, the shortfall and its end', async () => {
    // The test double's agents heartbeat every 10 s and a cluster silent for 30 s is down, so a
    // fails at 120 s, is detected and evicted at 150 s, and its 2 replicas are replaced (10 s
    // start-up) at 160 s: 2 of 4 replicas short for 40 s.
    const report = await run(scenario('[{at: 2m, action: fail, cluster: a}]'));
    const oneEviction = {
      started: 1,
      completed: 1,
      firstStartedAt: 150,
      lastStartedAt: 150,
      startSpreadSeconds: 0,
      lastCompletedAt: 160,
    };
    expect(report.summary).toEqual({
      faults: [
        {
          at: 120,
          action: 'fail',
          label: 'a failed',
          clusters: ['a'],
          workloads: [],
          detection: {
            detected: 1,
            undetected: 0,
            minSeconds: 30,
            medianSeconds: 30,
            maxSeconds: 30,
          },
          evictions: oneEviction,
        },
      ],
      evictions: oneEviction,
      workloads: {
        total: 1,
        disrupted: 1,
        unschedulable: 0,
        unschedulableAtEnd: 0,
        shortAtEnd: 0,
        replicaSecondsShort: 80,
        wholeAgainAt: 160,
        secondsUntilWhole: 40,
      },
      clusters: { total: 3, readyAtEnd: 2, changed: 1 },
    });
    expect(report.workloads['default/foo']?.replicaSecondsShort).toBe(80);
    expect(report.clusters.a?.region).toBe('r1');
  });

  it('reports a workload that nothing can hold as unschedulable and never whole again', async () => {
    // Only a may run it; from the failure at 60 s to the end (900 s) both replicas are missing.
    const report = await run(
      scenario(
        '[{at: 1m, action: fail, cluster: a}]',
        '[{name: foo, replicas: 2, placement: {clusterNames: [a]}}]',
      ),
    );
    expect(report.summary.workloads).toEqual({
      total: 1,
      disrupted: 1,
      unschedulable: 1,
      unschedulableAtEnd: 1,
      shortAtEnd: 1,
      replicaSecondsShort: 2 * 840,
      wholeAgainAt: null,
      secondsUntilWhole: null,
    });
  });

  it('counts a scale-up as short until the new replicas are ready', async () => {
    const report = await run(
      scenario('[{at: 1m, action: scale, workload: default/foo, replicas: 6}]'),
    );
    expect(report.summary.faults).toEqual([
      {
        at: 60,
        action: 'scale',
        label: 'default/foo scaled to 6 replicas',
        clusters: [],
        workloads: ['default/foo'],
      },
    ]);
    // 2 new replicas, 10 s start-up.
    expect(report.summary.workloads).toMatchObject({
      disrupted: 1,
      replicaSecondsShort: 20,
      wholeAgainAt: 70,
      secondsUntilWhole: 10,
    });
    expect(report.summary.evictions.started).toBe(0);
    expect(report.summary.clusters.changed).toBe(0);
  });
});

const quiet = (region: string): ClusterReport => ({
  region,
  ready: 'True',
  taints: [],
  detections: [],
  readyHistory: [{ from: 0, to: 600, status: 'True', reason: 'Ok' }],
  // The flavour's start-up taint, gone within the first instant.
  taintHistory: [{ taint: 'x/not-ready:NoSchedule', from: 0, to: 0 }],
});
const failed = (region: string, at: number, detectedAt?: number): ClusterReport => ({
  ...quiet(region),
  ready: detectedAt === undefined ? 'True' : 'False',
  detections: [
    detectedAt === undefined
      ? { action: 'fail', at }
      : { action: 'fail', at, detectedAt, detectionSeconds: detectedAt - at },
  ],
});
const workload = (series: WorkloadReport['series']): WorkloadReport => ({
  desired: 2,
  placement: {},
  readyReplicas: 2,
  minReadyReplicas: 0,
  unschedulable: false,
  firstReadyAt: 0,
  secondsShortOfReplicas: 1,
  replicaSecondsShort: 1,
  series,
});
const sample = (t: number, ready: number) => ({
  t,
  desired: 2,
  ready,
  replicas: {},
  readyByCluster: {},
});

const started = (t: number, workload: string, cluster: string): TimelineEntry => ({
  t,
  type: 'EvictionStarted',
  workload,
  cluster,
  purgeMode: 'Directly',
  reason: 'TaintUntolerated',
});

// Hand-made: e1 and e2 (all of east) and w1 fail at 100 s; w1 recovers at 300 s and fails
// again at 400 s. e3 fails at 500 s and is never detected.
const hand: Omit<SimulationReport, 'summary'> = {
  scenario: 'hand',
  flavor: 'test-double',
  seed: 1,
  duration: 600,
  timeline: [
    { t: 100, type: 'FaultInjected', action: 'fail', cluster: 'e2' },
    { t: 100, type: 'FaultInjected', action: 'fail', cluster: 'e1' },
    { t: 100, type: 'FaultInjected', action: 'fail', cluster: 'w1' },
    started(130, 'ns/x', 'e1'),
    started(135, 'ns/y', 'e2'),
    { t: 150, type: 'EvictionCompleted', workload: 'ns/x', cluster: 'e1' },
    { t: 300, type: 'FaultInjected', action: 'recover', cluster: 'w1' },
    { t: 400, type: 'FaultInjected', action: 'fail', cluster: 'w1' },
    started(440, 'ns/x', 'w1'),
    { t: 450, type: 'EvictionCompleted', workload: 'ns/x', cluster: 'w1' },
    { t: 500, type: 'FaultInjected', action: 'fail', cluster: 'e3' },
  ],
  clusters: {
    e1: failed('east', 100, 120),
    e2: failed('east', 100, 150),
    w1: {
      ...failed('west', 100, 110),
      detections: [
        { action: 'fail', at: 100, detectedAt: 110, detectionSeconds: 10 },
        { action: 'fail', at: 400, detectedAt: 420, detectionSeconds: 20 },
      ],
    },
    w2: quiet('west'),
    e3: { ...failed('north', 500) },
  },
  workloads: {
    'ns/x': workload([
      sample(0, 2),
      sample(100, 1),
      sample(160, 2),
      sample(400, 0),
      sample(460, 2),
    ]),
    'ns/y': workload([sample(0, 2), sample(100, 0), sample(200, 2)]),
  },
};

describe('summarizeRun', () => {
  const summary = summarizeRun(hand);

  it('groups the events of one instant and action, names the regions and takes the median of detection times', () => {
    expect(summary.faults.map((f) => [f.at, f.label, f.clusters])).toEqual([
      [100, '3 clusters (2 of east, 1 of west) failed', ['e1', 'e2', 'w1']],
      [300, 'w1 recovered', ['w1']],
      [400, 'w1 failed', ['w1']],
      [500, 'e3 failed', ['e3']],
    ]);
    expect(summary.faults[0]?.detection).toEqual({
      detected: 3,
      undetected: 0,
      minSeconds: 10,
      medianSeconds: 20,
      maxSeconds: 50,
    });
    expect(summary.faults[1]?.detection).toBeUndefined();
    expect(summary.faults[3]?.detection).toEqual({
      detected: 0,
      undetected: 1,
      minSeconds: null,
      medianSeconds: null,
      maxSeconds: null,
    });
  });

  it('gives each eviction to the latest fault that named its cluster', () => {
    expect(summary.faults[0]?.evictions).toEqual({
      started: 2,
      completed: 1,
      firstStartedAt: 130,
      lastStartedAt: 135,
      startSpreadSeconds: 5,
      lastCompletedAt: 150,
    });
    expect(summary.faults[1]?.evictions).toBeUndefined();
    expect(summary.faults[2]?.evictions).toMatchObject({ started: 1, completed: 1 });
    expect(summary.evictions).toEqual({
      started: 3,
      completed: 2,
      firstStartedAt: 130,
      lastStartedAt: 440,
      startSpreadSeconds: 310,
      lastCompletedAt: 450,
    });
  });

  it('says when every workload was whole again, after the last shortfall', () => {
    expect(summary.workloads).toEqual({
      total: 2,
      disrupted: 2,
      unschedulable: 0,
      unschedulableAtEnd: 0,
      shortAtEnd: 0,
      replicaSecondsShort: 2,
      wholeAgainAt: 460,
      secondsUntilWhole: 360,
    });
  });

  it('counts as changed the clusters that changed after start-up or that an event named', () => {
    expect(summary.clusters).toEqual({ total: 5, readyAtEnd: 2, changed: 4 });
    expect(clusterChangedAfterStartup(quiet('west'), false)).toBe(false);
    expect(clusterChangedAfterStartup(quiet('west'), true)).toBe(true);
    expect(
      clusterChangedAfterStartup(
        { ...quiet('west'), taintHistory: [{ taint: 'k:NoSchedule', from: 0, to: 600 }] },
        false,
      ),
    ).toBe(true);
  });

  it('calls a group that covers a whole region by its region', () => {
    const twoOfEast = summarizeRun({
      ...hand,
      timeline: hand.timeline.filter((e) => !('cluster' in e && e.cluster === 'w1')),
    });
    expect(twoOfEast.faults[0]?.label).toBe('all 2 clusters of east failed');
  });
});
