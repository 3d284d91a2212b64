/// <reference lib="dom" />
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { WhatIfAnswer } from '@lifeboat/simulator';
import {
  chartOption,
  inkedPixels,
  openPage,
  useHeadlessChromium,
} from '../process/headless-chromium';

// The what-if page of a real answer, opened in a real browser (Debian's Chromium), offline.
const root = path.join(__dirname, '..', '..', '..', '..');
const bin = path.join(root, 'packages', 'cli', 'bin', 'lifeboat.js');
const ARTIFACTS = path.join(root, '.test-results');

describe('lifeboat what-if --report', () => {
  const chromium = useHeadlessChromium(ARTIFACTS, 'lifeboat-what-if-page-');

  it('shows the short workloads and each cluster headroom, the same figures as the JSON answer', async () => {
    const page = path.join(chromium.dir(), 'what-if.html');
    const run = spawnSync(
      process.execPath,
      [
        bin,
        'what-if',
        path.join(root, 'examples', 'maintenance-graceful.yaml'),
        '--fail-region',
        'eu-west',
        '--json',
        '--report',
        page,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout) as WhatIfAnswer;

    const { tab, problems, requests } = await openPage(chromium.browser(), page);

    expect(await tab.title()).toBe('Lifeboat what-if: What if member1, member2 fail?');
    const workloads = Object.entries(answer.workloads);
    const short = workloads.filter(([, w]) => w.shortBy > 0 || w.unschedulable);
    // The region's loss leaves catalog (pinned to member1 and member2) nowhere to run.
    expect(short.map(([key]) => key)).toEqual(['shop/catalog']);
    const cards = await tab.$$eval('.card .big', (els) => els.map((el) => el.textContent));
    expect(cards).toEqual([
      `${workloads.filter(([, w]) => w.shortBy > 0).length} of ${workloads.length}`,
      String(workloads.reduce((n, [, w]) => n + w.shortBy, 0)),
      String(workloads.filter(([, w]) => w.unschedulable).length),
    ]);
    const rows = await tab.$$eval('#short-workloads tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)),
    );
    expect(rows).toEqual(
      short.map(([key, w]) => [
        key,
        String(w.desired),
        String(w.ready),
        String(w.shortBy),
        w.unschedulable ? 'yes' : 'no',
        Object.entries(w.placement)
          .map(([c, n]) => `${c}=${n}`)
          .join(' ') || '(none)',
      ]),
    );

    // One chart per resource; the bars are the answer's numbers, failed clusters greyed out.
    const names = Object.keys(answer.clusters);
    for (const resource of ['cpu', 'memory', 'pods']) {
      const chart = await chartOption(tab, `headroom-${resource}`);
      const series = (name: string): unknown => chart?.series.find((s) => s.name === name)?.data;
      expect(chart?.yAxis[0]?.data).toEqual(
        names.map((n) => (answer.clusters[n]?.failed ? `${n} (failed)` : n)),
      );
      expect(series('headroom')).toEqual(
        names.map((n) => answer.clusters[n]?.headroom?.[resource] ?? 0),
      );
      expect(series('requested')).toEqual(
        names.map((n) =>
          answer.clusters[n]?.failed ? 0 : (answer.clusters[n]?.requested[resource] ?? 0),
        ),
      );
      expect(series('failed (capacity lost)')).toEqual(
        names.map((n) => (answer.clusters[n]?.failed ? answer.clusters[n]?.capacity[resource] : 0)),
      );
    }
    expect(answer.clusters.member3?.headroom?.cpu).toBeLessThan(16);
    const inked = await inkedPixels(tab, '#headroom canvas');
    expect(inked).toHaveLength(3);
    for (const n of inked) expect(n).toBeGreaterThan(1000);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'what-if-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await tab.close();
  }, 300_000);
});
