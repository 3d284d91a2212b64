import type { SimulationReport, WorkloadReport } from '../report/simulation-report';
import { pageDataFromReport } from './page-data-from-report';
import { summarizeRun } from '../report/run-summary';

const workload = (shortFor: number, series: WorkloadReport['series']): WorkloadReport => ({
  desired: 2,
  placement: {},
  readyReplicas: 2,
  minReadyReplicas: 1,
  unschedulable: false,
  firstReadyAt: 10,
  secondsShortOfReplicas: shortFor,
  replicaSecondsShort: shortFor,
  series,
});

const body: Omit<SimulationReport, 'summary'> = {
  scenario: 'seed',
  flavor: 'karmada',
  seed: 1,
  duration: 300,
  timeline: [
    { t: 120, type: 'FaultInjected', action: 'fail', cluster: 'member1' },
    { t: 130, type: 'FaultInjected', action: 'scale', workload: 'default/foo', replicas: 3 },
    {
      t: 150,
      type: 'ClusterReadyChanged',
      cluster: 'member1',
      status: 'False',
      reason: 'ClusterNotReachable',
    },
  ],
  clusters: {
    member2: {
      ready: 'True',
      taints: [],
      detections: [],
      readyHistory: [{ from: 0, to: 300, status: 'True', reason: 'ClusterReady' }],
      taintHistory: [],
    },
    member1: {
      ready: 'False',
      taints: ['x:NoExecute'],
      detections: [],
      readyHistory: [
        { from: 0, to: 150, status: 'True', reason: 'ClusterReady' },
        { from: 150, to: 300, status: 'False', reason: 'ClusterNotReachable' },
      ],
      taintHistory: [{ from: 150, to: 300, taint: 'x:NoExecute' }],
    },
  },
  workloads: {
    'default/calm': workload(0, [
      { t: 0, desired: 2, ready: 2, replicas: { member2: 2 }, readyByCluster: { member2: 2 } },
    ]),
    'default/foo': workload(40, [
      {
        t: 0,
        desired: 2,
        ready: 2,
        replicas: { member1: 1, member2: 1 },
        readyByCluster: { member1: 1, member2: 1 },
      },
      { t: 150, desired: 2, ready: 1, replicas: { member2: 2 }, readyByCluster: { member2: 1 } },
    ]),
  },
};
const report: SimulationReport = { ...body, summary: summarizeRun(body) };

describe('pageDataFromReport', () => {
  it('marks every injected fault by action and target', () => {
    expect(pageDataFromReport(report).faults).toEqual([
      { t: 120, label: 'fail member1' },
      { t: 130, label: 'scale default/foo' },
    ]);
  });

  it('turns samples into steps per cluster, with zeros where a cluster has none, held to the end of the run', () => {
    const foo = pageDataFromReport(report).workloads.find((w) => w.name === 'default/foo');
    expect(foo).toEqual({
      name: 'default/foo',
      desired: 2,
      ready: [
        [0, 2],
        [150, 1],
        [300, 1],
      ],
      replicas: {
        member1: [
          [0, 1],
          [150, 0],
          [300, 0],
        ],
        member2: [
          [0, 1],
          [150, 2],
          [300, 2],
        ],
      },
    });
  });

  it('gives each cluster its Ready and taint bands, clusters in name order', () => {
    expect(pageDataFromReport(report).clusters).toEqual([
      {
        name: 'member1',
        ready: [
          { from: 0, to: 150, label: 'True' },
          { from: 150, to: 300, label: 'False' },
        ],
        taints: [{ from: 150, to: 300, label: 'x:NoExecute' }],
      },
      { name: 'member2', ready: [{ from: 0, to: 300, label: 'True' }], taints: [] },
    ]);
  });

  it('charts the workloads short of replicas longest when there are too many, and counts the rest', () => {
    const data = pageDataFromReport(report, 1);
    expect(data.workloads.map((w) => w.name)).toEqual(['default/foo']);
    expect(data.omittedWorkloads).toBe(1);
  });
});
