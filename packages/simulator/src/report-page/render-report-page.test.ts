import type { ReportPageData } from './page-data';
import { renderReportPage } from './render-report-page';

const data: ReportPageData = {
  title: 'a <b>&</b> run',
  flavor: 'karmada',
  seed: 7,
  duration: 600,
  faults: [{ t: 120, label: 'fail member1' }],
  workloads: [
    {
      name: 'default/foo',
      desired: 2,
      ready: [
        [0, 0],
        [10, 2],
        [600, 2],
      ],
      replicas: {
        member1: [
          [0, 2],
          [600, 2],
        ],
      },
    },
  ],
  omittedWorkloads: 3,
  clusters: [{ name: 'member1', ready: [{ from: 0, to: 600, label: 'True' }], taints: [] }],
};

describe('renderReportPage', () => {
  const html = renderReportPage(data);

  it('is one self-contained file that loads nothing from the network', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[^"'\s]*\.(js|css)/);
    expect(html).toContain('echarts');
  });

  it('escapes the scenario name in markup and in the embedded data', () => {
    expect(html).toContain('<title>Lifeboat run: a &#60;b&#62;&#38;&#60;/b&#62; run</title>');
    expect(html).not.toContain('"a <b>&</b> run"');
    expect(html).toContain('a \\u003cb\\u003e\\u0026\\u003c/b\\u003e run');
  });

  it('says how many workloads were left out of the charts', () => {
    expect(html).toContain('3 more workload(s) not charted');
  });
});
