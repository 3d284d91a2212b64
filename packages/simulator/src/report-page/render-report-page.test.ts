/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { ReportPageData } from './page-data';
import { renderReportPage } from './render-report-page';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', '..', '..', '..', '.test-results');

const data: ReportPageData = {
  title: 'karmada-foo',
  flavor: 'karmada',
  seed: 7,
  duration: 600,
  faults: [{ t: 120, label: 'fail member1' }],
  workloads: [
    {
      name: 'default/foo',
      desired: 2,
      ready: [[0, 0], [10, 2], [120, 1], [170, 2], [600, 2]],
      replicas: { member1: [[0, 1], [160, 0], [600, 0]], member2: [[0, 1], [160, 2], [600, 2]] },
    },
    { name: 'default/bar', desired: 1, ready: [[0, 0], [10, 1], [600, 1]], replicas: { member3: [[0, 1], [600, 1]] } },
  ],
  clusters: [
    { name: 'member1', ready: [{ from: 0, to: 160, label: 'True' }, { from: 160, to: 600, label: 'False' }], taints: [{ from: 160, to: 600, label: 'cluster.karmada.io/not-ready:NoExecute' }] },
    { name: 'member2', ready: [{ from: 0, to: 600, label: 'True' }], taints: [] },
  ],
};

describe('the report page', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lifeboat-page-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one self-contained file that loads nothing from the network', () => {
    const html = renderReportPage(data);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[^"'\s]*\.(js|css)/);
    expect(html).toContain('echarts');
  });

  it('renders the cluster bands and one chart per workload in Chromium without errors', async () => {
    const file = path.join(dir, 'report.html');
    writeFileSync(file, renderReportPage(data));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => (window as unknown as { __lifeboatCharts?: number }).__lifeboatCharts !== undefined, undefined, { timeout: 10_000 });

    const charts = await page.evaluate(() => (window as unknown as { __lifeboatCharts: number }).__lifeboatCharts);
    expect(charts).toBe(1 + data.workloads.length);
    // Every chart drew something: count canvas pixels that are not blank.
    const inked = await page.$$eval('canvas', (canvases) =>
      canvases.map((canvas) => {
        const ctx = canvas.getContext('2d');
        if (!ctx) return 0;
        const { data: px } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if ((px[i] as number) > 0) n++;
        return n;
      }),
    );
    expect(inked).toHaveLength(1 + data.workloads.length);
    for (const n of inked) expect(n).toBeGreaterThan(1000);
    const headings = await page.$$eval('h3', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(['default/foo (desired 2)', 'default/bar (desired 1)']);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);
});
