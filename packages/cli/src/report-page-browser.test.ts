/// <reference lib="dom" />
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

// The report page of a real run, opened in a real browser (Debian's Chromium; .ci/run installs it).
const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'packages', 'cli', 'bin', 'lifeboat.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(root, '.test-results');

interface EChartsOnPage {
  getInstanceByDom(el: Element): { getOption(): { yAxis: { data: string[] }[] } } | undefined;
}

describe('lifeboat simulate --report', () => {
  let browser: Browser;
  let dir: string;
  let page: string;

  beforeAll(async () => {
    for (const pkg of ['core', 'karmada', 'clusternet', 'simulator', 'cli']) {
      if (!existsSync(path.join(root, 'packages', pkg, 'dist', 'index.js'))) {
        execFileSync(
          process.execPath,
          [
            require.resolve('typescript/bin/tsc'),
            '-p',
            path.join(root, 'packages', pkg, 'tsconfig.build.json'),
          ],
          { stdio: 'inherit' },
        );
      }
    }
    dir = mkdtempSync(path.join(tmpdir(), 'lifeboat-page-'));
    page = path.join(dir, 'karmada-seed.html');
    const run = spawnSync(
      process.execPath,
      [bin, 'simulate', path.join(root, 'examples', 'karmada-seed.yaml'), '--report', page],
      { encoding: 'utf8' },
    );
    if (run.status !== 0)
      throw new Error(`lifeboat simulate failed (${run.status}): ${run.stderr}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a page whose charts render in Chromium with no errors and no network', async () => {
    const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    const requests: string[] = [];
    tab.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await tab.goto(`file://${page}`);
    await tab.waitForFunction(
      () => (window as unknown as { __lifeboatCharts?: number }).__lifeboatCharts !== undefined,
      undefined,
      { timeout: 10_000 },
    );

    // One band chart for the clusters and one chart for the seed's only workload.
    expect(
      await tab.evaluate(
        () => (window as unknown as { __lifeboatCharts: number }).__lifeboatCharts,
      ),
    ).toBe(2);
    expect(await tab.$$eval('h3', (hs) => hs.map((h) => h.textContent))).toEqual([
      'default/foo (desired 2)',
    ]);
    const rows = await tab.evaluate(() => {
      const echarts = (window as unknown as { echarts: EChartsOnPage }).echarts;
      return (
        echarts.getInstanceByDom(document.getElementById('clusters') as Element)?.getOption()
          .yAxis[0]?.data ?? []
      );
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        'member1 Ready',
        'member1 cluster.karmada.io/not-ready:NoExecute',
        'member2 Ready',
        'member3 Ready',
      ]),
    );
    // Every chart drew something: count canvas pixels that are not blank.
    const inked = await tab.$$eval('canvas', (canvases) =>
      canvases.map((canvas) => {
        const ctx = canvas.getContext('2d');
        if (!ctx) return 0;
        const { data: px } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if ((px[i] as number) > 0) n++;
        return n;
      }),
    );
    expect(inked).toHaveLength(2);
    for (const n of inked) expect(n).toBeGreaterThan(1000);

    mkdirSync(ARTIFACTS, { recursive: true });
    await tab.screenshot({ path: path.join(ARTIFACTS, 'report-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await tab.close();
  }, 60_000);
});
