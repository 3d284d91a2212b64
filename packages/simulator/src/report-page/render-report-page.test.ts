import pino from 'pino';
import { runScenario } from '../run/run-scenario';
import { loadScenario } from '../scenario/load-scenario';
import { testDoubleFlavor } from '../testing/test-double-flavor';
import type { SimulationReport } from '../report/simulation-report';
import { pageDataFromReport } from './page-data-from-report';
import { renderReportPage } from './render-report-page';

const scenario = `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: 'a <b>&</b> run'}
spec:
  flavor: test-double
  duration: 10m
  clusters: [{name: a, region: r1}, {name: b, region: r1}, {name: c, region: r2}, {name: d, region: r2}]
  workloads: [{name: foo, replicas: 4, placement: {clusterNames: [a, b, c]}}]
  events: [{at: 2m, action: fail, cluster: a}, {at: 2m, action: fail, cluster: b}]
`;

/** The value at a dotted path (`faults.0.detection.medianSeconds`) of the report's summary. */
function at(summary: SimulationReport['summary'], path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], summary);
}

describe('renderReportPage', () => {
  let report: SimulationReport;
  let html: string;

  beforeAll(async () => {
    report = await runScenario(loadScenario(scenario, [testDoubleFlavor]), {
      core: { logger: pino({ level: 'silent' }) },
    });
    html = renderReportPage(pageDataFromReport(report));
  });

  it('is one self-contained file that loads nothing from the network', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[^"'\s]*\.(js|css)/);
    expect(html).toContain('echarts');
  });

  it('escapes the scenario name in markup and in the embedded data', () => {
    expect(html).toContain('<title>Lifeboat run: a &#60;b&#62;&#38;&#60;/b&#62; run</title>');
    expect(html).not.toContain('"a <b>&</b> run"');
    expect(html).toContain('a \\u003cb\\u003e\\u0026\\u003c/b\\u003e run');
  });

  it("shows the summary's figures, each marked with its path and exact value in the report", () => {
    const figures = [...html.matchAll(/data-field="([^"]+)" data-value="([^"]+)">([^<]*)</g)];
    const fields = figures.map(([, field]) => field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'faults.0.at',
        'faults.0.evictions.started',
        'workloads.disrupted',
        'workloads.replicaSecondsShort',
        'workloads.wholeAgainAt',
        'evictions.started',
        'clusters.changed',
      ]),
    );
    for (const [, field, value] of figures)
      expect([field, JSON.parse(value as string)]).toEqual([
        field,
        at(report.summary, field as string),
      ]);
    expect(html).toContain('<span class="fault-label">all 2 clusters of r1 failed</span>');
  });

  it('names the clusters that did not change in one folded line', () => {
    expect(html).toContain('2 other cluster(s) were Ready with no taints for the whole run');
    expect(html).toMatch(/<span class="chip">c<\/span> <span class="chip">d<\/span>/);
  });
});
