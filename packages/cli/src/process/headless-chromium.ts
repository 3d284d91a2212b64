/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureBuilt } from './process-fleet';

/**
 * TEST HARNESS (not shipped: the build leaves out `src/process`): Debian's Chromium, headless
 * and with every background connection off, for the tests that open report pages offline.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches {@link CHROMIUM}; the caller closes it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/**
 * In a jest `describe`: builds what is missing, launches {@link CHROMIUM} and makes a scratch
 * directory before its tests (and `.test-results/` for screenshots), and closes and removes
 * them after. The getters hold once the tests run.
 */
export function useHeadlessChromium(
  artifacts: string,
  prefix: string,
): { browser(): Browser; dir(): string } {
  let browser: Browser | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return { browser: () => browser as Browser, dir: () => dir as string };
}

/** What the tests read of a chart drawn on a page. */
export interface ChartOption {
  series: { name?: string; data: [number, number][]; markLine?: { data: unknown[] } }[];
  yAxis: { data?: string[] }[];
}
interface EChartsOnPage {
  getInstanceByDom(el: Element): { getOption(): ChartOption } | undefined;
}
interface PageState {
  __lifeboat?: { ready: boolean; charts: number };
  echarts: EChartsOnPage;
}

/** Opens a page and waits for its script to finish; collects errors and network requests. */
export async function openPage(browser: Browser, file: string) {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  tab.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  const requests: string[] = [];
  tab.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await tab.goto(`file://${file}`);
  await tab.waitForFunction(
    () => (window as unknown as PageState).__lifeboat?.ready === true,
    undefined,
    { timeout: 30_000 },
  );
  return { tab, problems, requests };
}

/** The options of the chart drawn in the element with this id. */
export const chartOption = (tab: Page, id: string) =>
  tab.evaluate((elementId) => {
    const el = document.getElementById(elementId);
    const chart = el && (window as unknown as PageState).echarts.getInstanceByDom(el);
    if (!chart) return null;
    const { series, yAxis } = chart.getOption();
    return {
      series: series.map((s) => ({ name: s.name, data: s.data, markLine: s.markLine })),
      yAxis: yAxis.map((y) => ({ data: y.data })),
    } as ChartOption;
  }, id);

/** Canvas pixels that are not blank, per chart canvas under `selector`. */
export const inkedPixels = (tab: Page, selector: string) =>
  tab.$$eval(selector, (canvases) =>
    (canvases as HTMLCanvasElement[]).map((canvas) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data: px } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if ((px[i] as number) > 0) n++;
      return n;
    }),
  );
