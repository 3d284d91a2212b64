/** The page's styles: a summary band, a two-column chart grid, then the details. */
export const PAGE_STYLE = String.raw`
  body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0 auto; padding: 16px 24px 48px; max-width: 1400px; color: #1f2933; font-size: 14px; }
  h1 { font-size: 20px; margin: 0 0 2px; }
  h2 { font-size: 16px; margin: 28px 0 8px; }
  h2 .meta { font-weight: 400; margin-left: 8px; }
  h3 { font-size: 14px; margin: 0 0 4px; }
  .meta { color: #52606d; font-size: 13px; }
  .summary { display: grid; grid-template-columns: minmax(280px, 2fr) 3fr; gap: 16px; margin-top: 12px; }
  .summary h2 { margin: 0 0 6px; }
  .faults { margin: 0; padding-left: 20px; }
  .faults li { margin-bottom: 6px; }
  .fault-label { font-weight: 600; }
  .sub { color: #52606d; font-size: 13px; }
  .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
  .card { border: 1px solid #e4e7eb; border-left: 4px solid #9aa5b1; border-radius: 6px; padding: 8px 12px; background: #fbfcfd; }
  .card.good { border-left-color: #3fa34d; } .card.warn { border-left-color: #e0a526; } .card.bad { border-left-color: #d64545; }
  .card-title { font-size: 12px; color: #52606d; text-transform: uppercase; letter-spacing: .03em; }
  .big { font-size: 24px; font-weight: 650; margin: 2px 0; }
  .big .of { font-size: 14px; font-weight: 400; color: #52606d; }
  .small { font-size: 12px; color: #52606d; }
  .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 16px; }
  .panel { border: 1px solid #e4e7eb; border-radius: 6px; padding: 8px 10px 0; }
  .chart { width: 100%; height: 228px; }
  .workload .chart { height: 220px; }
  .workload { margin-bottom: 16px; }
  .bands { width: 100%; }
  #bands-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: #323f4b; margin-bottom: 2px; }
  .swatch::before { content: ''; display: inline-block; width: 14px; height: 9px; margin-right: 5px; border-radius: 2px; background: var(--c); }
  button { font: inherit; font-size: 13px; padding: 3px 10px; margin: 4px 0; cursor: pointer; }
  details { margin: 8px 0; } summary { cursor: pointer; color: #323f4b; }
  .chips { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; max-height: 240px; overflow: auto; }
  .chip { font-size: 12px; background: #e6f4ea; border-radius: 4px; padding: 1px 6px; }
  #workload-search { font-size: 14px; padding: 4px 8px; width: 320px; margin-right: 8px; }
  table { border-collapse: collapse; margin-top: 8px; font-size: 13px; }
  th, td { padding: 3px 10px; border-bottom: 1px solid #eef0f2; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  th { color: #52606d; font-weight: 600; }
`;

/**
 * Runs in the browser after `data` and `clockTime` are defined: draws the fleet charts, the
 * changed clusters' bands, the workload charts (each when it scrolls into view) and the
 * searchable workload list. Kept as plain ES2020 for any Chromium.
 */
export const PAGE_SCRIPT = String.raw`
const started = performance.now();
const READY_COLORS = { True: '#3fa34d', False: '#d64545', Unknown: '#9aa5b1' };
const TAINT_COLOR = '#e0a526';
const PALETTE = ['#2f6fde', '#e8833a', '#2a9d8f', '#9b59b6', '#c2185b', '#8d6e63', '#17a2b8', '#6b8e23'];
const LIST_LIMIT = 200;
const charts = [];
const count = (n) => Math.round(n).toLocaleString('en-US');

// One dashed line per fault group, its short label above the plot; labels of groups close in
// time are raised a line each so they do not overlap.
const faultLevels = [];
data.faults.forEach((f, i) => {
  const prev = data.faults[i - 1];
  faultLevels.push(prev && f.t - prev.t < data.duration * 0.06 ? (faultLevels[i - 1] + 1) % 3 : 0);
});
// Room above the plot for the legend and the raised labels.
const plotTop = 46 + 13 * Math.max(0, ...faultLevels);
const faultMarks = (position) => ({
  symbol: 'none', animation: false, silent: false,
  tooltip: { trigger: 'item', formatter: (p) => p.data.title },
  lineStyle: { color: '#7b2cbf', type: 'dashed', width: 1.5 },
  data: data.faults.map((f, i) => ({ name: f.label, title: f.title, xAxis: f.t,
    label: { formatter: f.label, position: position || 'end', distance: 3 + faultLevels[i] * 13, fontSize: 11, color: '#5b21b6', fontWeight: 600 } })),
});
const timeAxis = () => ({ type: 'value', min: 0, max: data.duration, axisLabel: { formatter: (v) => clockTime(v) }, splitLine: { show: false } });
const stepLine = (name, points, extra) => Object.assign({ name, type: 'line', step: 'end', symbol: 'none', data: points, lineStyle: { width: 1.5 } }, extra || {});

function init(el, option) {
  const chart = echarts.init(el);
  chart.setOption(Object.assign({ animation: false, color: PALETTE }, option));
  charts.push(chart);
  return chart;
}

function panel(parent, id, title) {
  const wrap = document.createElement('div');
  wrap.className = 'panel';
  const h = document.createElement('h3');
  h.textContent = title;
  const el = document.createElement('div');
  el.className = 'chart';
  el.id = id;
  wrap.append(h, el);
  parent.appendChild(wrap);
  return el;
}

// Fleet: ready replicas over desired (stacked by region when there are several).
const fleet = document.getElementById('fleet');
const regions = Object.keys(data.fleet.readyByRegion);
init(panel(fleet, 'fleet-replicas', regions.length ? 'Ready replicas by region, over desired (whole fleet)' : 'Ready replicas over desired (whole fleet)'), {
  legend: { top: 0, type: 'scroll' },
  grid: { left: 60, right: 20, top: plotTop, bottom: 28 },
  tooltip: { trigger: 'axis', axisPointer: { label: { formatter: (p) => p.axisDimension === 'x' ? clockTime(p.value) : count(p.value) } } },
  xAxis: timeAxis(),
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    ...(regions.length
      ? regions.map((r) => stepLine(r, data.fleet.readyByRegion[r], { stack: 'ready', areaStyle: { opacity: 0.55 }, lineStyle: { width: 0.5 } }))
      : [stepLine('ready', data.fleet.ready, { areaStyle: { opacity: 0.45 } })]),
    stepLine('desired', data.fleet.desired, { itemStyle: { color: '#1f2933' }, lineStyle: { color: '#1f2933', type: 'dashed', width: 2 }, markLine: faultMarks() }),
  ],
});

const namespaces = Object.keys(data.fleet.readyPercentByNamespace);
if (namespaces.length) {
  // The scale starts below the lowest dip after start-up (each namespace first at 100%).
  const afterStartup = (points) => points.slice(Math.max(0, points.findIndex((p) => p[1] >= 100)));
  const lowest = Math.min(...namespaces.flatMap((ns) => afterStartup(data.fleet.readyPercentByNamespace[ns]).map((p) => p[1])));
  init(panel(fleet, 'fleet-namespaces', 'Ready replicas as % of desired, per namespace'), {
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 20, top: plotTop, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: timeAxis(),
    yAxis: { type: 'value', min: Math.max(0, Math.floor(lowest / 10) * 10), max: 100, axisLabel: { formatter: '{value}%' } },
    series: namespaces.map((ns, i) => stepLine(ns, data.fleet.readyPercentByNamespace[ns], i === 0 ? { markLine: faultMarks() } : {})),
  });
}

const statuses = ['True', 'False', 'Unknown'].filter((s) => data.fleet.clusterStatus[s].some((p) => p[1] > 0));
init(panel(fleet, 'fleet-clusters', 'Clusters by Ready status'), {
  legend: { top: 0, data: statuses.map((s) => ({ name: s === 'True' ? 'Ready' : s === 'False' ? 'NotReady' : 'Unknown' })) },
  grid: { left: 60, right: 20, top: plotTop, bottom: 28 },
  tooltip: { trigger: 'axis' },
  xAxis: timeAxis(),
  yAxis: { type: 'value', minInterval: 1 },
  series: statuses.map((s, i) => stepLine(s === 'True' ? 'Ready' : s === 'False' ? 'NotReady' : 'Unknown', data.fleet.clusterStatus[s],
    Object.assign({ stack: 'clusters', areaStyle: { opacity: 0.6 }, itemStyle: { color: READY_COLORS[s] }, lineStyle: { width: 0.5, color: READY_COLORS[s] } }, i === 0 ? { markLine: faultMarks() } : {}))),
});

const ev = data.fleet.evictions;
const bucketSteps = (counts) => [...counts.map((n, i) => [i * ev.bucketSeconds, n]), [data.duration, counts[counts.length - 1] || 0]];
init(panel(fleet, 'fleet-evictions', 'Evictions started and completed per ' + (ev.bucketSeconds < 60 ? ev.bucketSeconds + ' s' : ev.bucketSeconds / 60 + ' min')), {
  legend: { top: 0 },
  grid: { left: 60, right: 20, top: plotTop, bottom: 28 },
  tooltip: { trigger: 'axis' },
  xAxis: timeAxis(),
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    stepLine('started', bucketSteps(ev.started), { itemStyle: { color: '#e8833a' }, lineStyle: { color: '#e8833a', width: 1.5 }, areaStyle: { opacity: 0.35 }, markLine: faultMarks() }),
    stepLine('completed', bucketSteps(ev.completed), { itemStyle: { color: '#2f6fde' }, lineStyle: { color: '#2f6fde', width: 2 } }),
  ],
});

// Clusters that changed: one row per group of identical clusters, the Ready band on top and a
// thin lane per taint under it; beyond MAX_BAND_ROWS rows (clusters changing at scattered times)
// the rest wait for a click.
const MAX_BAND_ROWS = 40;
const TAINT_COLORS = ['#e0a526', '#a0522d', '#7b61ff', '#00897b', '#c2185b', '#546e7a'];
const taintLanes = [...new Set(data.clusters.flatMap((g) => g.taints.map((b) => b.label)))].sort();
const groupName = (g) => g.names.length === 1 ? g.names[0] : g.names[0] + ' +' + (g.names.length - 1) + ' more';
function bandRows(groups, limit) {
  const shown = groups.slice(0, limit);
  const rows = shown.map((group) => ({ label: groupName(group), group }));
  const rects = [];
  shown.forEach((group, row) => {
    for (const b of group.ready) rects.push({ value: [row, b.from, b.to, 'Ready ' + b.label, -1], itemStyle: { color: READY_COLORS[b.label] || '#9aa5b1' } });
    for (const b of group.taints) {
      const lane = taintLanes.indexOf(b.label);
      rects.push({ value: [row, b.from, b.to, 'taint ' + b.label, lane], itemStyle: { color: TAINT_COLORS[lane % TAINT_COLORS.length] } });
    }
  });
  return { rows, rects, shown: shown.length };
}
const bandLegend = document.getElementById('bands-legend');
const swatch = (color, text) => { const span = document.createElement('span'); span.className = 'swatch'; span.style.setProperty('--c', color); span.textContent = text; return span; };
bandLegend.append(swatch(READY_COLORS.True, 'Ready'), swatch(READY_COLORS.False, 'NotReady'), swatch(READY_COLORS.Unknown, 'Unknown'),
  ...taintLanes.map((t, i) => swatch(TAINT_COLORS[i % TAINT_COLORS.length], 'taint ' + t)));
const clusterEl = document.getElementById('clusters');
const describe = (g) => g.names.length === 1 ? g.names[0] : g.names.length + ' clusters with the same history: ' + g.names.slice(0, 8).join(', ') + (g.names.length > 8 ? ', …' : '');
function drawBands(limit) {
  const { rows, rects, shown } = bandRows(data.clusters, limit);
  clusterEl.style.height = (plotTop + 14 + rows.length * 30) + 'px';
  const option = {
    grid: { left: 200, right: 30, top: plotTop - 24, bottom: 28 },
    tooltip: { formatter: (p) => describe(rows[p.value[0]].group) + '<br>' + p.value[3] + ' from ' + clockTime(p.value[1]) + ' to ' + clockTime(p.value[2]) },
    xAxis: timeAxis(),
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: { fontSize: 12, width: 180, overflow: 'truncate' } },
    series: [{
      type: 'custom', name: 'bands', encode: { x: [1, 2], y: 0 }, data: rects,
      // The category axis runs top-down, so the line starts at the top.
      markLine: faultMarks('start'),
      renderItem: (params, api) => {
        const start = api.coord([api.value(1), api.value(0)]);
        const end = api.coord([api.value(2), api.value(0)]);
        const row = api.size([0, 1])[1];
        const lane = api.value(4);
        const laneHeight = Math.max(2, Math.min(5, (row * 0.34) / Math.max(1, taintLanes.length) - 1));
        const top = start[1] - row / 2;
        const y = lane < 0 ? top + row * 0.1 : top + row * 0.58 + lane * (laneHeight + 1);
        const shape = echarts.graphic.clipRectByRect(
          { x: start[0], y, width: Math.max(1, end[0] - start[0]), height: lane < 0 ? row * 0.44 : laneHeight },
          { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
        return shape && { type: 'rect', shape, style: api.style() };
      },
    }],
  };
  const chart = echarts.getInstanceByDom(clusterEl);
  if (chart) { chart.resize(); chart.setOption(option, true); } else init(clusterEl, option);
  const more = document.getElementById('more-clusters');
  const hidden = data.clusters.slice(shown).reduce((n, g) => n + g.names.length, 0);
  more.hidden = hidden === 0;
  more.textContent = 'Show ' + hidden.toLocaleString('en-US') + ' more changed cluster(s)';
}
if (data.clusters.length === 0) {
  bandLegend.hidden = true;
  clusterEl.textContent = 'No cluster changed after start-up.';
  clusterEl.className = 'meta';
} else {
  drawBands(MAX_BAND_ROWS);
  document.getElementById('more-clusters').addEventListener('click', () => drawBands(Infinity));
}

// Workloads, the most disrupted first, each drawn when it comes near the viewport.
const container = document.getElementById('workloads');
function drawWorkload(el, w) {
  const clusters = Object.keys(w.replicas).sort();
  init(el, {
    legend: { top: 0, type: 'scroll' },
    grid: { left: 50, right: 20, top: plotTop, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: timeAxis(),
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      ...clusters.map((c) => stepLine(c, w.replicas[c], { stack: 'placed', areaStyle: { opacity: 0.35 } })),
      stepLine('ready', w.ready, { itemStyle: { color: '#1f2933' }, lineStyle: { width: 3, color: '#1f2933' },
        markLine: Object.assign(faultMarks(), { data: [...faultMarks().data, { name: 'desired', yAxis: w.desired, lineStyle: { color: '#52606d', type: 'dotted' } }] }) }),
    ],
  });
}
const pending = new Map();
const observer = 'IntersectionObserver' in window ? new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting || !pending.has(entry.target)) continue;
    drawWorkload(entry.target, pending.get(entry.target));
    pending.delete(entry.target);
    observer.unobserve(entry.target);
  }
}, { rootMargin: '400px' }) : null;
data.workloads.forEach((w, i) => {
  const row = data.workloadRows.find((r) => r.name === w.name);
  const wrap = document.createElement('div');
  wrap.className = 'workload';
  wrap.id = 'workload-' + i;
  const title = document.createElement('h3');
  title.textContent = w.name + ' (desired ' + w.desired + (row ? ', ' + count(row.replicaSecondsShort) + ' replica-seconds short' : '') + ')';
  const el = document.createElement('div');
  el.className = 'chart';
  wrap.append(title, el);
  container.appendChild(wrap);
  if (observer) { pending.set(el, w); observer.observe(el); } else drawWorkload(el, w);
});

// Every workload: a filtered table, the first LIST_LIMIT matches shown.
const chartIds = new Map(data.workloads.map((w, i) => [w.name, 'workload-' + i]));
const tbody = document.querySelector('#workload-list tbody');
const search = document.getElementById('workload-search');
const shownCount = document.getElementById('workload-count');
const cell = (text) => { const td = document.createElement('td'); td.textContent = text; return td; };
function renderList() {
  const q = search.value.trim().toLowerCase();
  const matches = q ? data.workloadRows.filter((r) => r.name.toLowerCase().includes(q)) : data.workloadRows;
  const shown = matches.slice(0, LIST_LIMIT);
  tbody.replaceChildren(...shown.map((r) => {
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    const id = chartIds.get(r.name);
    if (id) { const a = document.createElement('a'); a.href = '#' + id; a.textContent = r.name; name.appendChild(a); } else name.textContent = r.name;
    tr.append(name, cell(String(r.desired)), cell(String(r.ready)), cell(r.minReady === null ? '-' : String(r.minReady)),
      cell(r.secondsShort > 0 ? span(r.secondsShort) : '-'), cell(r.replicaSecondsShort > 0 ? count(r.replicaSecondsShort) : '-'), cell(r.unschedulable ? 'yes' : 'no'));
    return tr;
  }));
  shownCount.textContent = matches.length.toLocaleString('en-US') + ' of ' + data.workloadRows.length.toLocaleString('en-US') + ' workloads' +
    (matches.length > shown.length ? ' (the first ' + shown.length + ' shown; narrow the search)' : '');
}
search.addEventListener('input', renderList);
renderList();

window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
// renderMs: this script; readyMs: from navigation start (parsing the page and ECharts included).
window.__lifeboat = { ready: true, charts: charts.length, renderMs: performance.now() - started, readyMs: performance.now() };
`;
