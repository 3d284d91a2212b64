/** Styles of the what-if page, on top of the run page's. */
export const WHAT_IF_PAGE_STYLE = String.raw`
  .headroom { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 10px 16px; }
  .headroom .panel { min-width: 0; }
  td.short { color: #b42318; font-weight: 600; }
  .note { border-left: 4px solid #e0a526; padding: 4px 10px; background: #fff8e6; }
`;

/**
 * Runs in the browser after `data` (the what-if answer plus `resources`) and `formatAmount` are
 * defined: one horizontal bar chart per resource, each cluster's requested amount and headroom
 * stacked to its capacity, failed clusters greyed out. Plain ES2020.
 */
export const WHAT_IF_PAGE_SCRIPT = String.raw`
const started = performance.now();
const charts = [];
const names = Object.keys(data.clusters);
const host = document.getElementById('headroom');
// Every panel first, so the grid has its final columns before a chart measures its width.
const panels = data.resources.map((resource) => {
  const wrap = document.createElement('div');
  wrap.className = 'panel';
  const h = document.createElement('h3');
  h.textContent = resource + ': requested and left, per cluster';
  const el = document.createElement('div');
  el.id = 'headroom-' + resource;
  el.style.width = '100%';
  el.style.height = Math.max(160, 18 * names.length + 70) + 'px';
  wrap.append(h, el);
  host.appendChild(wrap);
  return [resource, el];
});
// Memory ticks at whole powers of two GiB, about four of them, so the labels stay short.
const memoryTicks = (resource) => {
  if (resource !== 'memory') return {};
  const most = Math.max(GIB, ...names.map((n) => data.clusters[n].capacity.memory || 0));
  return { interval: GIB * 2 ** Math.max(0, Math.ceil(Math.log2(most / GIB / 4))) };
};
for (const [resource, el] of panels) {
  const pick = (name, f) => {
    const c = data.clusters[name];
    return c.capacity[resource] === undefined ? null : f(c);
  };
  const chart = echarts.init(el);
  chart.setOption({
    animation: false,
    legend: { top: 0 },
    grid: { left: 120, right: 30, top: 30, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => v === null ? '-' : formatAmount(resource, v) },
    xAxis: Object.assign({ type: 'value', axisLabel: { hideOverlap: true, formatter: (v) => formatAmount(resource, v) } }, memoryTicks(resource)),
    yAxis: { type: 'category', inverse: true, data: names.map((n) => data.clusters[n].failed ? n + ' (failed)' : n) },
    series: [
      { name: 'requested', type: 'bar', stack: 'c', color: '#2f6fde', data: names.map((n) => pick(n, (c) => c.failed ? 0 : c.requested[resource] ?? 0)) },
      { name: 'headroom', type: 'bar', stack: 'c', color: '#3fa34d', data: names.map((n) => pick(n, (c) => c.failed ? 0 : c.headroom[resource] ?? 0)) },
      { name: 'failed (capacity lost)', type: 'bar', stack: 'c', color: '#c5ccd3', data: names.map((n) => pick(n, (c) => c.failed ? c.capacity[resource] : 0)) },
    ],
  });
  charts.push(chart);
}
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
window.__lifeboat = { ready: true, charts: charts.length, renderMs: performance.now() - started };
`;
