import { summarizeRun } from '../report/run-summary';
import type {
  ClusterReport,
  SimulationReport,
  WorkloadReport,
  WorkloadSample,
} from '../report/simulation-report';
import { fleetCurves, thinSteps } from './fleet-curves';

const cluster = (region: string, readyHistory: ClusterReport['readyHistory']): ClusterReport => ({
  region,
  ready: readyHistory[readyHistory.length - 1]?.status ?? 'Unknown',
  taints: [],
  detections: [],
  readyHistory,
  taintHistory: [],
});
const workload = (series: WorkloadSample[]): WorkloadReport => ({
  desired: series[0]?.desired ?? 0,
  placement: {},
  readyReplicas: 0,
  minReadyReplicas: null,
  unschedulable: false,
  firstReadyAt: null,
  secondsShortOfReplicas: 0,
  replicaSecondsShort: 0,
  series,
});
const sample = (t: number, desired: number, readyByCluster: Record<string, number>) => ({
  t,
  desired,
  ready: Object.values(readyByCluster).reduce((a, b) => a + b, 0),
  replicas: readyByCluster,
  readyByCluster,
});

// a (region r1) goes NotReady at 40 s; n1/x loses its replica there and gets it back on b at 60 s.
const body: Omit<SimulationReport, 'summary'> = {
  scenario: 'fleet',
  flavor: 'test-double',
  seed: 1,
  duration: 100,
  timeline: [
    {
      t: 40.5,
      type: 'EvictionStarted',
      workload: 'n1/x',
      cluster: 'a',
      purgeMode: 'Directly',
      reason: 'T',
    },
    { t: 60, type: 'EvictionCompleted', workload: 'n1/x', cluster: 'a' },
  ],
  clusters: {
    a: cluster('r1', [
      { from: 0, to: 40, status: 'True', reason: 'Ok' },
      { from: 40, to: 100, status: 'False', reason: 'Down' },
    ]),
    b: cluster('r2', [{ from: 0, to: 100, status: 'True', reason: 'Ok' }]),
  },
  workloads: {
    'n1/x': workload([
      sample(0, 2, {}),
      sample(10, 2, { a: 1, b: 1 }),
      sample(40, 2, { b: 1 }),
      sample(60, 2, { b: 2 }),
    ]),
    'n2/y': workload([sample(0, 1, {}), sample(5, 1, { b: 1 })]),
  },
};
const curves = fleetCurves({ ...body, summary: summarizeRun(body) });

describe('fleetCurves', () => {
  it('sums ready and desired replicas over the fleet as steps to the end of the run', () => {
    expect(curves.ready).toEqual([
      [0, 0],
      [5, 1],
      [10, 3],
      [40, 2],
      [60, 3],
      [100, 3],
    ]);
    expect(curves.desired).toEqual([
      [0, 3],
      [100, 3],
    ]);
  });

  it('gives every region its ready replicas at the same points in time, so they stack', () => {
    expect(curves.readyByRegion).toEqual({
      r1: [
        [0, 0],
        [5, 0],
        [10, 1],
        [40, 0],
        [60, 0],
        [100, 0],
      ],
      r2: [
        [0, 0],
        [5, 1],
        [10, 2],
        [40, 2],
        [60, 3],
        [100, 3],
      ],
    });
  });

  it('gives each namespace its ready replicas as a percentage of desired', () => {
    expect(curves.readyPercentByNamespace).toEqual({
      n1: [
        [0, 0],
        [10, 100],
        [40, 50],
        [60, 100],
        [100, 100],
      ],
      n2: [
        [0, 0],
        [5, 100],
        [100, 100],
      ],
    });
  });

  it('counts clusters per Ready status over time', () => {
    expect(curves.clusterStatus).toEqual({
      False: [
        [0, 0],
        [40, 1],
        [100, 1],
      ],
      True: [
        [0, 2],
        [40, 1],
        [100, 1],
      ],
      Unknown: [
        [0, 0],
        [40, 0],
        [100, 0],
      ],
    });
  });

  it('counts evictions started and completed per interval, the interval chosen for the run length', () => {
    expect(curves.evictions.bucketSeconds).toBe(1);
    expect(curves.evictions.started).toHaveLength(100);
    expect(curves.evictions.started[40]).toBe(1);
    expect(curves.evictions.completed[60]).toBe(1);
    expect(curves.evictions.started.reduce((a, b) => a + b)).toBe(1);
    const long = fleetCurves({ ...body, duration: 1800, summary: summarizeRun(body) });
    expect(long.evictions.bucketSeconds).toBe(15);
    expect(long.evictions.started[2]).toBe(1);
  });

  it('leaves out the per-region and per-namespace curves when there is only one', () => {
    const single = {
      ...body,
      clusters: { b: body.clusters.b as ClusterReport },
      workloads: { 'n2/y': body.workloads['n2/y'] as WorkloadReport },
    };
    const one = fleetCurves({ ...single, summary: summarizeRun(single) });
    expect(one.readyByRegion).toEqual({});
    expect(one.readyPercentByNamespace).toEqual({});
  });
});

describe('thinSteps', () => {
  const steps: [number, number][] = [
    [0, 5],
    [10, 3],
    [20, 4],
    [30, 5],
    [60, 1],
    [70, 5],
    [100, 5],
  ];

  it('keeps each slice of the run as its lowest value and then its last, so short dips still show', () => {
    expect(thinSteps(steps, 100, 2)).toEqual([
      [0, 3],
      [25, 5],
      [50, 1],
      [75, 5],
      [100, 5],
    ]);
  });

  it('leaves a curve with few points as it is', () => {
    expect(thinSteps(steps, 100, 3)).toBe(steps);
  });
});
