import pino from 'pino';
import { loadScenario } from '../scenario/load-scenario';
import { testDoubleFlavor, TEST_DOUBLE_DOWN_TAINT } from '../testing/test-double-flavor';
import type { TimelineEntry } from '../report/simulation-report';
import { runScenario } from './run-scenario';

const scenario = (extra: {
  settings?: string;
  events: string;
  workloads?: string;
  seed?: number;
}) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: unit}
spec:
  flavor: test-double
  seed: ${extra.seed ?? 1}
  duration: 15m
  settings: ${extra.settings ?? '{}'}
  clusters: [{name: a}, {name: b}, {name: c}]
  workloads: ${extra.workloads ?? '[{name: foo, replicas: 4, placement: {clusterNames: [a, b, c]}}]'}
  events: ${extra.events}
`;

// The controllers log retried write conflicts; the report is what these tests read.
const core = { logger: pino({ level: 'silent' }) };
const run = (text: string, seed?: number) =>
  runScenario(
    loadScenario(text, [testDoubleFlavor]),
    seed === undefined ? { core } : { core, seed },
  );
const ofType = <T extends TimelineEntry['type']>(timeline: readonly TimelineEntry[], type: T) =>
  timeline.filter((e): e is Extract<TimelineEntry, { type: T }> => e.type === type);

describe('runScenario on the test double', () => {
  it('detects a failed cluster, taints it, evicts the workload and re-places every replica', async () => {
    const report = await run(scenario({ events: '[{at: 2m, action: fail, cluster: a}]' }));
    expect(ofType(report.timeline, 'FaultInjected')).toEqual([
      { t: 120, type: 'FaultInjected', action: 'fail', cluster: 'a' },
    ]);
    expect(
      ofType(report.timeline, 'ClusterReadyChanged')
        .filter((e) => e.cluster === 'a')
        .map((e) => [e.t, e.status]),
    ).toEqual([
      [0, 'True'],
      [150, 'False'],
    ]);
    expect(ofType(report.timeline, 'TaintAdded')).toEqual([
      { t: 150, type: 'TaintAdded', cluster: 'a', taint: `${TEST_DOUBLE_DOWN_TAINT}:NoExecute` },
    ]);
    expect(ofType(report.timeline, 'EvictionStarted')).toEqual([
      {
        t: 150,
        type: 'EvictionStarted',
        workload: 'default/foo',
        cluster: 'a',
        purgeMode: 'Directly',
        reason: 'TaintUntolerated',
      },
    ]);
    expect(
      ofType(report.timeline, 'EvictionCompleted').map((e) => [e.t, e.cluster, e.reason]),
    ).toEqual([[160, 'a', 'NewPlacementHealthy']]);
    expect(report.clusters.a).toMatchObject({
      ready: 'False',
      taints: [`${TEST_DOUBLE_DOWN_TAINT}:NoExecute`],
      detections: [{ action: 'fail', at: 120, detectedAt: 150, detectionSeconds: 30 }],
    });
    expect(report.workloads['default/foo']).toMatchObject({
      desired: 4,
      placement: { b: 2, c: 2 },
      readyReplicas: 4,
      minReadyReplicas: 2,
      unschedulable: false,
      firstReadyAt: 10,
    });
    // Short from the failure (2 of 4 ready) until the replacements are ready at 160.
    expect(report.workloads['default/foo']?.secondsShortOfReplicas).toBe(40);
  });

  it('orders the timeline by t and keeps cluster taints sorted', async () => {
    const report = await run(
      scenario({
        events:
          '[{at: 5m, action: cordon, cluster: b, key: z.example/last}, {at: 1m, action: fail, cluster: b}, {at: 5m, action: cordon, cluster: b, key: a.example/first}]',
      }),
    );
    const times = report.timeline.map((e) => e.t);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(report.clusters.b?.taints).toEqual([
      'a.example/first:NoSchedule',
      `${TEST_DOUBLE_DOWN_TAINT}:NoExecute`,
      'z.example/last:NoSchedule',
    ]);
  });

  it('gives a byte-identical report for the same file and seed', async () => {
    const text = scenario({
      events:
        '[{at: 2m, action: fail, cluster: a}, {at: 6m, action: recover, cluster: a}, {at: 8m, action: scale, workload: foo, replicas: 7}]',
    });
    expect(JSON.stringify(await run(text))).toBe(JSON.stringify(await run(text)));
    expect((await run(text, 42)).seed).toBe(42);
  });

  it('keeps every replica ready through a graceful maintenance drain', async () => {
    const report = await run(
      scenario({
        settings: '{purgeMode: Gracefully}',
        events:
          '[{at: 3m, action: cordon, cluster: a, effect: NoExecute}, {at: 10m, action: uncordon, cluster: a}]',
      }),
    );
    const foo = report.workloads['default/foo'];
    expect(foo?.minReadyReplicas).toBe(4);
    expect(foo?.secondsShortOfReplicas).toBe(0);
    expect(foo?.placement).toEqual({ b: 2, c: 2 });
    expect(ofType(report.timeline, 'TaintRemoved')).toEqual([
      { t: 600, type: 'TaintRemoved', cluster: 'a', taint: 'test.lifeboat.dev/cordon:NoExecute' },
    ]);
    expect(report.clusters.a?.taintHistory).toEqual([
      { taint: 'test.lifeboat.dev/cordon:NoExecute', from: 180, to: 600 },
    ]);
  });

  it('scales a workload as an operator would and reports it ready at the new size', async () => {
    const report = await run(
      scenario({ events: '[{at: 1m, action: scale, workload: default/foo, replicas: 6}]' }),
    );
    expect(ofType(report.timeline, 'WorkloadReady').map((e) => [e.t, e.ready])).toEqual([
      [10, 4],
      [70, 6],
    ]);
    expect(report.workloads['default/foo']?.desired).toBe(6);
  });

  it('reports a workload that fits nowhere as unschedulable', async () => {
    const report = await run(
      scenario({
        workloads: '[{name: foo, replicas: 2, placement: {clusterNames: [a]}}]',
        events: '[{at: 1m, action: fail, cluster: a}]',
      }),
    );
    expect(ofType(report.timeline, 'Unschedulable').map((e) => [e.t, e.workload])).toEqual([
      [90, 'default/foo'],
    ]);
    expect(report.workloads['default/foo']).toMatchObject({
      unschedulable: true,
      readyReplicas: 0,
      minReadyReplicas: 0,
    });
  });

  it('charts each workload and cluster over time', async () => {
    const report = await run(scenario({ events: '[{at: 2m, action: fail, cluster: a}]' }));
    const series = report.workloads['default/foo']?.series ?? [];
    expect(series[0]).toEqual({
      t: 0,
      desired: 4,
      ready: 0,
      replicas: { a: 2, b: 1, c: 1 },
      readyByCluster: {},
    });
    expect(series[series.length - 1]).toEqual({
      t: 160,
      desired: 4,
      ready: 4,
      replicas: { b: 2, c: 2 },
      readyByCluster: { b: 2, c: 2 },
    });
    expect(report.clusters.a?.readyHistory).toEqual([
      { from: 0, to: 150, status: 'True', reason: 'Heartbeat' },
      { from: 150, to: 900, status: 'False', reason: 'NoHeartbeat' },
    ]);
  });
});
