import { readFileSync } from 'node:fs';
import { clockTime, span } from '../report/time-format';
import { escapeHtml } from './escape-html';
import type { ReportPageData, WorkloadRow } from './page-data';
import { PAGE_SCRIPT, PAGE_STYLE } from './page-script';
import { renderSummary } from './render-summary';

let echartsSource: string | undefined;

/** The ECharts browser bundle, inlined so the page needs no network. */
export function echartsBundle(): string {
  echartsSource ??= readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsSource;
}

/** JSON that is safe inside a `<script>` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/** A workload row as an array: 10,000 of them as objects would be half the page. */
function compactRow(r: WorkloadRow): readonly (string | number | null)[] {
  return [
    r.name,
    r.desired,
    r.ready,
    r.minReady,
    r.secondsShort,
    r.replicaSecondsShort,
    r.unschedulable ? 1 : 0,
  ];
}

function quietLine(names: readonly string[], changed: number): string {
  if (names.length === 0) return '';
  const list = names.map((n) => `<span class="chip">${escapeHtml(n)}</span>`).join(' ');
  return `<details id="quiet-clusters"><summary>${names.length.toLocaleString('en-US')} ${
    changed > 0 ? 'other ' : ''
  }cluster(s) were Ready with no taints for the whole run</summary><div class="chips">${list}</div></details>`;
}

/**
 * One self-contained HTML file (ECharts inlined, no network needed) that answers an operator's
 * questions first: the run's summary, then fleet-wide charts (ready replicas over desired, per
 * region and namespace; clusters per Ready status; evictions per interval), then the details:
 * the bands of the clusters that changed, the most disrupted workloads' charts (drawn as they
 * scroll into view) and a searchable list of every workload. Fault groups are marked on every
 * chart.
 * @public
 */
export function renderReportPage(data: ReportPageData): string {
  const title = `Lifeboat run: ${data.title}`;
  const charted = data.workloads.length;
  const total = data.workloadRows.length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="meta">flavor ${escapeHtml(data.flavor)} · seed ${data.seed} · ${clockTime(data.duration)} of virtual time · ${data.summary.clusters.total.toLocaleString('en-US')} clusters · ${total.toLocaleString('en-US')} workloads</div>
</header>
${renderSummary(data.summary)}
<h2>The fleet over time<span class="meta">dashed lines mark the injected events, numbered as in <em>What happened</em></span></h2>
<section id="fleet" class="grid"></section>
<h2>Clusters that changed</h2>
<div id="bands-legend"></div>
<div id="clusters" class="bands"></div>
<button id="more-clusters" type="button" hidden></button>
${quietLine(data.quietClusters, data.clusters.length)}
<h2>Workloads, the most disrupted first</h2>
<p class="meta">Replicas per cluster (stacked), ready replicas (black) and the desired level (dotted).${charted < total ? ` The ${charted} with the most replica-seconds short are charted; the list below has all ${total.toLocaleString('en-US')}.` : ''}</p>
<div id="workloads"></div>
<h2>Every workload</h2>
<input id="workload-search" type="search" placeholder="Search workloads (namespace/name)" aria-label="Search workloads">
<span id="workload-count" class="meta"></span>
<table id="workload-list"><thead><tr><th>workload</th><th>desired</th><th>ready at end</th><th>min ready</th><th>short for</th><th>replica-seconds short</th><th>unschedulable</th></tr></thead><tbody></tbody></table>
<script>${echartsBundle()}</script>
<script>
const data = ${scriptJson({ ...data, workloadRows: [] })};
data.workloadRows = ${scriptJson(data.workloadRows.map(compactRow))}.map(([name, desired, ready, minReady, secondsShort, replicaSecondsShort, unschedulable]) =>
  ({ name, desired, ready, minReady, secondsShort, replicaSecondsShort, unschedulable: unschedulable === 1 }));
${clockTime.toString()}
${span.toString()}
${PAGE_SCRIPT}
</script>
</body>
</html>
`;
}
