import { readFileSync } from 'node:fs';
import type { ReportPageData } from './page-data';

let echartsSource: string | undefined;

/** The ECharts browser bundle, inlined so the page needs no network. */
function echartsBundle(): string {
  echartsSource ??= readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsSource;
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One self-contained HTML file (ECharts inlined, no network needed) that charts a run: per
 * workload, ready replicas and replicas per cluster over time; per cluster, Ready state and taints
 * as bands on the same time axis; fault events marked on every chart.
 * @public
 */
export function renderReportPage(data: ReportPageData): string {
  const title = `Lifeboat run: ${data.title}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px; color: #1f2933; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 28px 0 8px; }
  .meta { color: #52606d; font-size: 13px; }
  .chart { width: 100%; height: 260px; }
  .bands { width: 100%; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="meta">flavor ${escapeHtml(data.flavor)} · seed ${data.seed} · ${data.duration}s of virtual time · ${data.faults.length} fault event(s)</div>
<h2>Clusters: Ready state and taints</h2>
<div id="clusters" class="chart bands"></div>
<h2>Workloads: replicas per cluster and ready replicas</h2>
${data.omittedWorkloads > 0 ? `<p class="meta">${data.omittedWorkloads} more workload(s) not charted: the JSON report (<code>--json</code>) has them all.</p>` : ''}
<div id="workloads"></div>
<script>${echartsBundle()}</script>
<script>
const data = ${scriptJson(data)};
${PAGE_SCRIPT}
</script>
</body>
</html>
`;
}

/** Runs in the browser: builds the charts from `data`. Kept as plain ES2020 for any Chromium. */
const PAGE_SCRIPT = String.raw`
const READY_COLORS = { True: '#3fa34d', False: '#d64545', Unknown: '#9aa5b1' };
const TAINT_COLOR = '#e0a526';
const faultLines = { symbol: 'none', label: { formatter: (p) => p.name, position: 'insideEndTop', fontSize: 10 },
  lineStyle: { color: '#7b2cbf', type: 'dashed' }, data: data.faults.map((f) => ({ name: f.label, xAxis: f.t })) };
const timeAxis = { type: 'value', name: 'seconds', min: 0, max: data.duration, nameLocation: 'middle', nameGap: 24 };
const charts = [];

// Clusters: one row for Ready and one per taint, bands drawn as rectangles on the time axis.
const rows = [];
const rects = [];
for (const cluster of data.clusters) {
  const readyRow = rows.length;
  rows.push(cluster.name + ' Ready');
  for (const b of cluster.ready) rects.push({ value: [readyRow, b.from, b.to, b.label], itemStyle: { color: READY_COLORS[b.label] || '#9aa5b1' } });
  const taintRows = {};
  for (const b of cluster.taints) {
    if (!(b.label in taintRows)) { taintRows[b.label] = rows.length; rows.push(cluster.name + ' ' + b.label); }
    rects.push({ value: [taintRows[b.label], b.from, b.to, b.label], itemStyle: { color: TAINT_COLOR } });
  }
}
const clusterEl = document.getElementById('clusters');
clusterEl.style.height = Math.max(160, 60 + rows.length * 26) + 'px';
const clusterChart = echarts.init(clusterEl);
clusterChart.setOption({
  animation: false,
  grid: { left: 320, right: 30, top: 20, bottom: 40 },
  tooltip: { formatter: (p) => rows[p.value[0]] + ': ' + p.value[3] + ' from ' + p.value[1] + 's to ' + p.value[2] + 's' },
  xAxis: timeAxis,
  yAxis: { type: 'category', data: rows, inverse: true },
  series: [{
    type: 'custom', name: 'bands', encode: { x: [1, 2], y: 0 }, data: rects, markLine: faultLines,
    renderItem: (params, api) => {
      const start = api.coord([api.value(1), api.value(0)]);
      const end = api.coord([api.value(2), api.value(0)]);
      const height = api.size([0, 1])[1] * 0.6;
      const shape = echarts.graphic.clipRectByRect(
        { x: start[0], y: start[1] - height / 2, width: Math.max(1, end[0] - start[0]), height },
        { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
      return shape && { type: 'rect', shape, style: api.style() };
    },
  }],
});
charts.push(clusterChart);

// Workloads: stacked replicas per cluster plus the ready line and the desired level.
const container = document.getElementById('workloads');
for (const w of data.workloads) {
  const title = document.createElement('h3');
  title.textContent = w.name + ' (desired ' + w.desired + ')';
  title.style.fontSize = '14px';
  const el = document.createElement('div');
  el.className = 'chart workload';
  container.appendChild(title);
  container.appendChild(el);
  const chart = echarts.init(el);
  const clusters = Object.keys(w.replicas).sort();
  chart.setOption({
    animation: false,
    legend: { top: 0 },
    grid: { left: 50, right: 30, top: 36, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: timeAxis,
    yAxis: { type: 'value', name: 'replicas', minInterval: 1 },
    series: [
      ...clusters.map((c) => ({ name: c, type: 'line', step: 'end', stack: 'placed', areaStyle: { opacity: 0.35 }, symbol: 'none', data: w.replicas[c] })),
      { name: 'ready', type: 'line', step: 'end', symbol: 'none', itemStyle: { color: '#1f2933' }, lineStyle: { width: 3, color: '#1f2933' }, data: w.ready,
        markLine: { ...faultLines, data: [...faultLines.data, { name: 'desired', yAxis: w.desired, lineStyle: { color: '#52606d', type: 'dotted' } }] } },
    ],
  });
  charts.push(chart);
}
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
window.__lifeboatCharts = charts.length;
`;
