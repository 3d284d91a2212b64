import { summarizeRun, type SimulationReport } from '@lifeboat/simulator';
import { reportJson } from './report-json';

const parts: Omit<SimulationReport, 'summary'> = {
  scenario: 's',
  flavor: 'karmada',
  seed: 7,
  duration: 600,
  timeline: [
    { t: 60, type: 'FaultInjected', action: 'fail', cluster: 'member1' },
    { t: 90, type: 'Scheduled', workload: 'default/foo', placement: { member2: 2 } },
  ],
  clusters: {
    member1: {
      ready: 'False',
      taints: ['a:NoExecute'],
      detections: [],
      readyHistory: [],
      taintHistory: [],
    },
    member2: { ready: 'True', taints: [], detections: [], readyHistory: [], taintHistory: [] },
  },
  workloads: {},
};
const { timeline, clusters, workloads, ...header } = parts;
const report: SimulationReport = {
  ...header,
  summary: summarizeRun(parts),
  timeline,
  clusters,
  workloads,
};

describe('reportJson', () => {
  it('is the report as JSON, each timeline entry, cluster and workload on a line of its own', () => {
    const text = reportJson(report);
    expect(JSON.parse(text)).toEqual(report);
    expect(text.split('\n')).toEqual([
      '{',
      '"scenario": "s",',
      '"flavor": "karmada",',
      '"seed": 7,',
      '"duration": 600,',
      '"summary": {',
      ...Object.entries(report.summary).map(
        ([key, value], i, all) =>
          `${JSON.stringify(key)}: ${JSON.stringify(value)}${i < all.length - 1 ? ',' : ''}`,
      ),
      '},',
      '"timeline": [',
      JSON.stringify(report.timeline[0]) + ',',
      JSON.stringify(report.timeline[1]),
      '],',
      '"clusters": {',
      `"member1": ${JSON.stringify(report.clusters.member1)},`,
      `"member2": ${JSON.stringify(report.clusters.member2)}`,
      '},',
      '"workloads": {}',
      '}',
      '',
    ]);
  });
});
