import { renderReport } from './render-report';
import type { SimulationReport, WorkloadReport } from './simulation-report';
import { summarizeRun } from './run-summary';

const workload = (over: Partial<WorkloadReport> = {}): WorkloadReport => ({
  desired: 2,
  placement: { member2: 2 },
  readyReplicas: 2,
  minReadyReplicas: 1,
  unschedulable: false,
  firstReadyAt: 10,
  secondsShortOfReplicas: 40,
  replicaSecondsShort: 40,
  series: [],
  ...over,
});

const body: Omit<SimulationReport, 'summary'> = {
  scenario: 'seed',
  flavor: 'karmada',
  seed: 7,
  duration: 1800,
  timeline: [
    { t: 120, type: 'FaultInjected', action: 'fail', cluster: 'member1' },
    {
      t: 160,
      type: 'ClusterReadyChanged',
      cluster: 'member1',
      status: 'False',
      reason: 'ClusterNotReachable',
    },
    {
      t: 160,
      type: 'EvictionStarted',
      workload: 'default/foo',
      cluster: 'member1',
      purgeMode: 'Gracefully',
      reason: 'TaintUntolerated',
    },
    { t: 3700, type: 'Scheduled', workload: 'default/foo', placement: { member2: 2 } },
  ],
  clusters: {
    member1: {
      ready: 'False',
      taints: ['a:NoExecute', 'b:NoSchedule'],
      detections: [{ action: 'fail', at: 120, detectedAt: 160, detectionSeconds: 40 }],
      readyHistory: [],
      taintHistory: [],
    },
  },
  workloads: { 'default/foo': workload() },
};
const report: SimulationReport = { ...body, summary: summarizeRun(body) };

describe('renderReport', () => {
  it('prints the summary, the timeline, then a table per workload and per cluster', () => {
    expect(renderReport(report)).toBe(
      [
        'Scenario seed (karmada, seed 7): 30m of virtual time',
        '',
        'Summary',
        '      2:00  member1 failed; detected after 40s; 1 eviction(s) from 2:40',
        '  workloads: 1 of 1 disrupted, 40 replica-seconds short, 0 unschedulable (0 at the end); 1 still short of ready replicas at the end',
        '  evictions: 1 started, 0 completed, started at 2:40',
        '  clusters: 1 of 1 changed after start-up, 0 Ready at the end',
        '',
        'Timeline',
        '      2:00  FaultInjected        member1  fail',
        '      2:40  ClusterReadyChanged  member1  Ready=False (ClusterNotReachable)',
        '      2:40  EvictionStarted      default/foo  from member1 (Gracefully, TaintUntolerated)',
        '   1:01:40  Scheduled            default/foo  member2=2',
        '',
        'Workloads',
        '  WORKLOAD     DESIRED  PLACEMENT  READY  MIN READY  SHORT OF REPLICAS  UNSCHEDULABLE',
        '  default/foo  2        member2=2  2      1          40s                no',
        '',
        'Clusters',
        '  CLUSTER  READY  DETECTION               TAINTS',
        '  member1  False  40s after fail at 2:00  a:NoExecute, b:NoSchedule',
        '',
      ].join('\n'),
    );
  });

  it('folds many same-type entries at one instant into one line', () => {
    const timeline = Array.from({ length: 8 }, (_, i) => ({
      t: 0,
      type: 'Scheduled' as const,
      workload: `default/w${i}`,
      placement: { a: 1 },
    }));
    expect(renderReport({ ...report, timeline })).toContain(
      '      0:00  Scheduled  ×8 (8 workloads)',
    );
  });

  it('lists only the workloads short of replicas longest when there are many, with totals', () => {
    const workloads = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [
        `default/w${String(i).padStart(2, '0')}`,
        workload({ secondsShortOfReplicas: i }),
      ]),
    );
    const text = renderReport({ ...report, workloads });
    expect(text).toContain('  default/w59  2');
    expect(text).not.toContain('default/w00 ');
    expect(text).toContain(
      '... 40 more (the 20 longest short of replicas are shown; --json has all)',
    );
    expect(text).toContain(
      '60 workloads: 60 with every replica ready at the end, 59 short of replicas at some point, 0 unschedulable',
    );
  });
});

describe('renderReport on a busy instant', () => {
  it('prints one line per type with counts', () => {
    const timeline = Array.from({ length: 50 }, (_, i) =>
      i % 2
        ? { t: 330, type: 'TaintAdded' as const, cluster: `c${i}`, taint: 'k:NoSchedule' }
        : { t: 330, type: 'Scheduled' as const, workload: `default/w${i}`, placement: { a: 1 } },
    );
    const text = renderReport({ ...report, timeline });
    expect(text).toContain(
      '      5:30  Scheduled   ×25 (25 workloads)\n      5:30  TaintAdded  ×25 (25 clusters)\n',
    );
  });
});

describe('renderReport on a very long timeline', () => {
  it('counts entries per type for each minute', () => {
    const timeline = [
      ...Array.from({ length: 30 }, (_, i) => ({
        t: 330 + i,
        type: 'EvictionStarted' as const,
        workload: `default/w${i}`,
        cluster: 'c1',
        purgeMode: 'Directly' as const,
        reason: 'TaintUntolerated',
      })),
      { t: 400, type: 'FaultInjected' as const, action: 'recover' as const, cluster: 'c1' },
    ];
    const text = renderReport({ ...report, timeline }, { perMinuteAbove: 10 });
    expect(text).toContain(
      [
        '  (31 entries, counted per minute; --json has each one)',
        '      5:00+ EvictionStarted  ×30 (30 workloads)',
        '      6:00+ FaultInjected    c1  recover',
      ].join('\n'),
    );
  });
});
