import type { ClusterReport, SimulationReport, WorkloadReport } from '../report/simulation-report';
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

const failedAt150: ClusterReport = {
  ready: 'False',
  taints: ['x:NoExecute'],
  detections: [],
  readyHistory: [
    { from: 0, to: 150, status: 'True', reason: 'ClusterReady' },
    { from: 150, to: 300, status: 'False', reason: 'ClusterNotReachable' },
  ],
  taintHistory: [
    { from: 0, to: 0, taint: 'x:NoSchedule' },
    { from: 150, to: 300, taint: 'x:NoExecute' },
  ],
};

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
      // The flavour's start-up taint, gone within the first instant.
      taintHistory: [{ from: 0, to: 0, taint: 'x:NoSchedule' }],
    },
    member1: failedAt150,
    member3: failedAt150,
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
  const data = pageDataFromReport(report);

  it('marks each fault group once, numbered as the summary lists them', () => {
    expect(data.faults).toEqual([
      { t: 120, label: '1 fail', title: '1. member1 failed at 2:00' },
      { t: 130, label: '2 scale', title: '2. default/foo scaled to 3 replicas at 2:10' },
    ]);
    expect(data.summary).toBe(report.summary);
  });

  it('turns samples into steps per cluster, with zeros where a cluster has none, held to the end of the run', () => {
    expect(data.workloads.find((w) => w.name === 'default/foo')).toEqual({
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

  it('draws bands only for clusters that changed after start-up, identical ones as one group, without the start-up instant', () => {
    expect(data.clusters).toEqual([
      {
        names: ['member1', 'member3'],
        ready: [
          { from: 0, to: 150, label: 'True' },
          { from: 150, to: 300, label: 'False' },
        ],
        taints: [{ from: 150, to: 300, label: 'x:NoExecute' }],
      },
    ]);
    expect(data.quietClusters).toEqual(['member2']);
  });

  it('charts the most disrupted workloads first and lists every workload', () => {
    const one = pageDataFromReport(report, 1);
    expect(one.workloads.map((w) => w.name)).toEqual(['default/foo']);
    expect(one.workloadRows.map((r) => [r.name, r.replicaSecondsShort])).toEqual([
      ['default/foo', 40],
      ['default/calm', 0],
    ]);
  });
});
