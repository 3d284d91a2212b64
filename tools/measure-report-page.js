#!/usr/bin/env node
// Measures the report page of a run: how long building it takes, how big it is, and how long
// headless Chromium takes to open it and to filter the workload list. For docs/performance.md:
//   node packages/cli/bin/lifeboat.js simulate big.yaml --json > /tmp/big.json
//   node tools/measure-report-page.js /tmp/big.json [runs]
// Needs the built packages (npx nx run-many -t build) and Chromium (CHROMIUM_PATH, default
// /usr/bin/chromium). Prints one JSON object; medians over the runs.
const { readFileSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
/* global window, document, performance, Event -- evaluated in the page */
const { chromium } = require('playwright-core');
const { pageDataFromReport, renderReportPage } = require('../packages/simulator/dist/index.js');

const [reportFile, runsArg] = process.argv.slice(2);
if (!reportFile) {
  process.stderr.write('usage: node tools/measure-report-page.js REPORT.json [runs]\n');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (ms) => Math.round(ms);

async function main() {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const build = [];
  let html = '';
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    html = renderReportPage(pageDataFromReport(report));
    build.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'lifeboat-measure-'));
  const file = path.join(dir, 'report.html');
  writeFileSync(file, html);
  const echarts = readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8').length;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const ready = [];
  const script = [];
  const search = [];
  let height = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await tab.goto(`file://${file}`);
      await tab.waitForFunction(() => window.__lifeboat?.ready, undefined, { timeout: 120_000 });
      const state = await tab.evaluate(() => window.__lifeboat);
      ready.push(state.readyMs);
      script.push(state.renderMs);
      height = await tab.evaluate(() => document.body.scrollHeight);
      // One keystroke's worth of filtering and re-rendering the list, timed inside the page.
      search.push(
        await tab.evaluate(() => {
          const input = document.getElementById('workload-search');
          const t0 = performance.now();
          input.value = 'svc-01';
          input.dispatchEvent(new Event('input'));
          return performance.now() - t0;
        }),
      );
      await tab.close();
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        clusters: Object.keys(report.clusters).length,
        workloads: Object.keys(report.workloads).length,
        reportBytes: readFileSync(reportFile).length,
        pageBytes: Buffer.byteLength(html),
        echartsBytes: echarts,
        pageHeightPx: height,
        runs,
        buildMs: round(median(build)),
        readyMs: round(median(ready)),
        readyMsRange: [round(Math.min(...ready)), round(Math.max(...ready))],
        scriptMs: round(median(script)),
        searchMs: round(median(search)),
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
