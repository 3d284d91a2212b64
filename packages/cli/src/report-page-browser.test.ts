/// <reference lib="dom" />
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SimulationReport } from '@lifeboat/simulator';
import {
  chartOption,
  inkedPixels,
  openPage as open,
  useHeadlessChromium,
  type ChartOption,
} from './process/headless-chromium';

// The report page of a real run, opened in a real browser (Debian's Chromium; .ci/run installs it).
const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'packages', 'cli', 'bin', 'lifeboat.js');
const ARTIFACTS = path.join(root, '.test-results');

type Point = [number, number];

/** Runs `lifeboat simulate` on a scenario (in examples/ unless absolute), writing its page, and returns the JSON report. */
function simulate(example: string, page: string): SimulationReport {
  const run = spawnSync(
    process.execPath,
    [bin, 'simulate', path.resolve(root, 'examples', example), '--json', '--report', page],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`lifeboat simulate failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as SimulationReport;
}

/** The band chart's rectangles as `[from, to, what]`, in time order. */
const bandsOf = (chart: ChartOption | null): [number, number, string][] =>
  (chart?.series[0]?.data ?? [])
    .map((item) => (item as unknown as { value: [number, number, number, string] }).value)
    .map(([, from, to, what]): [number, number, string] => [from, to, what])
    .sort((a, b) => a[0] - b[0] || (a[2] < b[2] ? -1 : 1));

const lastValue = (points: Point[] | undefined): number | undefined =>
  points?.[points.length - 1]?.[1];

/** The value at a dotted path (`faults.0.detection.medianSeconds`) of a report's summary. */
const summaryAt = (summary: SimulationReport['summary'], field: string): unknown =>
  field.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], summary);

describe('lifeboat simulate --report', () => {
  const chromium = useHeadlessChromium(ARTIFACTS, 'lifeboat-page-');

  it('opens the region-loss page on its summary, the same figures as the JSON report, above the fleet charts', async () => {
    const page = path.join(chromium.dir(), 'region-loss-100.html');
    const report = simulate('region-loss-100.yaml', page);
    const { summary } = report;
    const { tab, problems, requests } = await open(chromium.browser(), page);

    // Every figure of the summary says where it comes from; each equals the report's, and the
    // counts read as the report's numbers.
    const figures = await tab.$$eval('#summary [data-field]', (els) =>
      els.map((el) => ({
        field: el.getAttribute('data-field') as string,
        value: JSON.parse(el.getAttribute('data-value') as string) as unknown,
        text: el.textContent,
      })),
    );
    expect(figures.map((f) => f.field)).toEqual(
      expect.arrayContaining([
        'faults.0.at',
        'faults.0.detection.medianSeconds',
        'faults.0.evictions.started',
        'faults.0.evictions.startSpreadSeconds',
        'workloads.disrupted',
        'workloads.total',
        'workloads.unschedulable',
        'workloads.replicaSecondsShort',
        'workloads.wholeAgainAt',
        'workloads.secondsUntilWhole',
        'evictions.started',
        'clusters.changed',
      ]),
    );
    for (const f of figures)
      expect([f.field, f.value]).toEqual([f.field, summaryAt(summary, f.field)]);
    const text = (field: string) => figures.find((f) => f.field === field)?.text;
    for (const field of [
      'workloads.disrupted',
      'workloads.total',
      'evictions.started',
      'clusters.changed',
    ])
      expect(text(field)).toBe((summaryAt(summary, field) as number).toLocaleString('en-US'));
    expect(text('workloads.replicaSecondsShort')).toBe(
      Math.round(summary.workloads.replicaSecondsShort).toLocaleString('en-US'),
    );
    expect(text('faults.0.at')).toBe('5:00');
    expect(summary.faults.map((f) => f.label)).toEqual(['all 25 clusters of us-east failed']);
    expect(await tab.$eval('#summary .fault-label', (el) => el.textContent)).toBe(
      'all 25 clusters of us-east failed',
    );

    // The fleet charts are drawn from the whole report: the desired and ready sums at the end,
    // the clusters Ready at the end, every eviction, and one marker for the one fault group.
    const workloads = Object.values(report.workloads);
    const replicas = await chartOption(tab, 'fleet-replicas');
    const regions = replicas?.series.filter((s) => s.name !== 'desired') ?? [];
    expect(regions.map((s) => s.name)).toEqual(['ap-south', 'eu-west', 'us-east', 'us-west']);
    expect(lastValue(replicas?.series.find((s) => s.name === 'desired')?.data)).toBe(
      workloads.reduce((n, w) => n + w.desired, 0),
    );
    expect(regions.reduce((n, s) => n + (lastValue(s.data) ?? 0), 0)).toBe(
      workloads.reduce((n, w) => n + w.readyReplicas, 0),
    );
    expect(lastValue(regions.find((s) => s.name === 'us-east')?.data)).toBe(0);
    const namespaces = await chartOption(tab, 'fleet-namespaces');
    expect(namespaces?.series.map((s) => s.name)).toEqual([
      'accounts',
      'analytics',
      'media',
      'payments',
      'search',
    ]);
    for (const s of namespaces?.series ?? []) expect(lastValue(s.data)).toBe(100);
    const clusters = await chartOption(tab, 'fleet-clusters');
    expect(lastValue(clusters?.series.find((s) => s.name === 'Ready')?.data)).toBe(
      summary.clusters.readyAtEnd,
    );
    expect(lastValue(clusters?.series.find((s) => s.name === 'NotReady')?.data)).toBe(25);
    const evictions = await chartOption(tab, 'fleet-evictions');
    const started = evictions?.series.find((s) => s.name === 'started')?.data ?? [];
    // The step curve repeats its last interval at the end of the run.
    expect(started.slice(0, -1).reduce((n, p) => n + p[1], 0)).toBe(summary.evictions.started);
    for (const chart of [replicas, namespaces, clusters, evictions])
      expect(chart?.series.flatMap((s) => s.markLine?.data ?? [])).toHaveLength(1);
    for (const n of await inkedPixels(tab, '#fleet canvas')) expect(n).toBeGreaterThan(5000);

    // Bands only for the 25 clusters that failed (one group: their histories are identical),
    // the other 75 in one folded line.
    // The page's embedded data is a script-level const, so it is read by name.
    const changed = (await tab.evaluate('data.clusters.flatMap((g) => g.names)')) as string[];
    expect(changed).toEqual(summary.faults[0]?.clusters);
    const bands = await chartOption(tab, 'clusters');
    expect(bands?.yAxis[0]?.data).toEqual(['us-east-01 +24 more']);
    // Its Ready band turns False at detection, and both taints start there: none at start-up.
    expect(bandsOf(bands)).toEqual([
      [0, 330, 'Ready True'],
      [330, 1800, 'Ready False'],
      [330, 1800, 'taint cluster.karmada.io/not-ready:NoExecute'],
      [330, 1800, 'taint cluster.karmada.io/not-ready:NoSchedule'],
    ]);
    expect(await tab.isHidden('#more-clusters')).toBe(true);
    expect(await tab.$eval('#quiet-clusters summary', (el) => el.textContent)).toBe(
      '75 other cluster(s) were Ready with no taints for the whole run',
    );
    expect(await tab.$eval('#quiet-clusters', (el) => (el as HTMLDetailsElement).open)).toBe(false);

    await tab.screenshot({ path: path.join(ARTIFACTS, 'report-page-region-loss.png') });

    // The most disrupted workload is charted first; the list finds any workload.
    const first = [...Object.entries(report.workloads)].sort(
      ([a, x], [b, y]) => y.replicaSecondsShort - x.replicaSecondsShort || (a < b ? -1 : 1),
    )[0]?.[0];
    expect(await tab.$eval('#workload-0 h3', (el) => el.textContent)).toContain(`${first} `);
    expect(await tab.$$eval('#workload-list tbody tr', (rows) => rows.length)).toBe(200);
    await tab.fill('#workload-search', 'media/svc-0002');
    expect(
      await tab.$$eval('#workload-list tbody tr', (rows) =>
        rows.map((r) => r.querySelector('td')?.textContent),
      ),
    ).toEqual(['media/svc-0002']);
    expect(await tab.textContent('#workload-count')).toBe('1 of 1,000 workloads');

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await tab.close();
  }, 180_000);

  it('draws the first 40 rows of clusters that changed at scattered times and the rest on a click', async () => {
    // 45 of 50 clusters failing a minute apart: no two share a history, so each is its own row.
    const names = Array.from({ length: 50 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    const scenario = path.join(chromium.dir(), 'scattered.yaml');
    writeFileSync(
      scenario,
      [
        'apiVersion: lifeboat.dev/v1alpha1',
        'kind: Scenario',
        'metadata: {name: scattered}',
        'spec:',
        '  flavor: karmada',
        '  duration: 50m',
        `  clusters: [${names.map((n) => `{name: ${n}}`).join(', ')}]`,
        '  workloads: [{name: foo, replicas: 2}]',
        `  events: [${names
          .slice(0, 45)
          .map((n, i) => `{at: ${i + 1}m, action: fail, cluster: ${n}}`)
          .join(', ')}]`,
      ].join('\n'),
    );
    const page = path.join(chromium.dir(), 'scattered.html');
    const report = simulate(scenario, page);
    expect(report.summary.faults).toHaveLength(45);
    expect(report.summary.clusters.changed).toBe(45);
    const { tab, problems, requests } = await open(chromium.browser(), page);
    expect((await chartOption(tab, 'clusters'))?.yAxis[0]?.data).toEqual(names.slice(0, 40));
    expect(await tab.textContent('#more-clusters')).toBe('Show 5 more changed cluster(s)');
    expect(await tab.textContent('#quiet-clusters summary')).toBe(
      '5 other cluster(s) were Ready with no taints for the whole run',
    );
    await tab.click('#more-clusters');
    expect((await chartOption(tab, 'clusters'))?.yAxis[0]?.data).toEqual(names.slice(0, 45));
    expect(await tab.isHidden('#more-clusters')).toBe(true);
    // The summary folds the event groups after the sixth.
    expect(await tab.$$eval('#summary .what > ol > li', (items) => items.length)).toBe(6);
    expect(await tab.textContent('#summary details summary')).toBe('39 more event group(s)');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await tab.close();
  }, 120_000);

  it('writes a page for a small run whose every chart draws with no errors and no network', async () => {
    const page = path.join(chromium.dir(), 'karmada-seed.html');
    const report = simulate('karmada-seed.yaml', page);
    const { tab, problems, requests } = await open(chromium.browser(), page);
    const names = Object.keys(report.workloads);
    expect(
      await tab.$$eval('#workloads h3', (hs) => hs.map((h) => h.textContent?.split(' ')[0])),
    ).toEqual(names);
    const bands = await chartOption(tab, 'clusters');
    expect(bands?.yAxis[0]?.data).toEqual(['member1']);
    expect(bandsOf(bands).map(([, , what]) => what)).toContain(
      'taint cluster.karmada.io/not-ready:NoExecute',
    );
    await tab.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    // Workload charts are drawn as they scroll into view.
    await tab.waitForFunction(
      (n) => document.querySelectorAll('#workloads canvas').length === n,
      names.length,
    );
    for (const n of await inkedPixels(tab, 'canvas')) expect(n).toBeGreaterThan(1000);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'report-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await tab.close();
  }, 60_000);
});
