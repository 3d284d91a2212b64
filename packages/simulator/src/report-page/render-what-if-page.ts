import { clockTime, span } from '../report/time-format';
import type { WhatIfAnswer } from '../what-if/what-if-answer';
import { formatAmount, resourceNames, workloadsShortFirst } from '../what-if/render-what-if';
import { escapeHtml } from './escape-html';
import { PAGE_STYLE } from './page-script';
import { echartsBundle, scriptJson } from './render-report-page';
import { WHAT_IF_PAGE_SCRIPT, WHAT_IF_PAGE_STYLE } from './what-if-page-script';

function card(id: string, title: string, value: string, of: string, tone: string): string {
  return `<div class="card ${tone}" id="${id}"><div class="card-title">${escapeHtml(title)}</div><div class="big">${value}<span class="of">${escapeHtml(of)}</span></div></div>`;
}

function shortTable(answer: WhatIfAnswer): string {
  const short = workloadsShortFirst(answer.workloads).filter(
    ([, w]) => w.shortBy > 0 || w.unschedulable,
  );
  if (short.length === 0)
    return '<p id="short-workloads" class="meta">Every workload keeps all its replicas ready.</p>';
  const rows = short
    .map(
      ([key, w]) =>
        `<tr><td>${escapeHtml(key)}</td><td>${w.desired}</td><td>${w.ready}</td><td class="short">${w.shortBy}</td><td>${w.unschedulable ? 'yes' : 'no'}</td><td>${escapeHtml(
          Object.entries(w.placement)
            .map(([c, n]) => `${c}=${n}`)
            .join(' ') || '(none)',
        )}</td></tr>`,
    )
    .join('');
  return `<table id="short-workloads"><thead><tr><th>workload</th><th>desired</th><th>ready</th><th>short by</th><th>unschedulable</th><th>placement</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The answer of a what-if as one self-contained HTML page (ECharts inlined, no network needed):
 * what failed, the workloads that would be short and by how many replicas, and each cluster's
 * headroom per resource as a chart (requested and left, stacked to capacity).
 * @public
 */
export function renderWhatIfPage(answer: WhatIfAnswer): string {
  const title = `What if ${answer.failed.join(', ')} fail${answer.failed.length === 1 ? 's' : ''}?`;
  const workloads = Object.values(answer.workloads);
  const short = workloads.filter((w) => w.shortBy > 0).length;
  const replicasShort = workloads.reduce((sum, w) => sum + w.shortBy, 0);
  const unschedulable = workloads.filter((w) => w.unschedulable).length;
  const resources = resourceNames(answer);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Lifeboat what-if: ${title}`)}</title>
<style>${PAGE_STYLE}${WHAT_IF_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="meta">scenario ${escapeHtml(answer.scenario)} · flavor ${escapeHtml(answer.flavor)} · seed ${answer.seed} · failed at ${clockTime(answer.failedAt)}, state at ${clockTime(answer.until)}, last change ${span(answer.lastChangeAt - answer.failedAt)} after the failure</div>
</header>
${answer.settled ? '' : '<p class="note" id="not-settled">The controllers were still at work late in the run: the state below may not be final (raise the horizon).</p>'}
<section class="cards" style="margin-top:12px">
${card('card-short', 'Workloads short', short.toLocaleString('en-US'), ` of ${workloads.length.toLocaleString('en-US')}`, short > 0 ? 'bad' : 'good')}
${card('card-replicas-short', 'Replicas short', replicasShort.toLocaleString('en-US'), '', replicasShort > 0 ? 'bad' : 'good')}
${card('card-unschedulable', 'Unschedulable', unschedulable.toLocaleString('en-US'), '', unschedulable > 0 ? 'warn' : 'good')}
</section>
<h2>Workloads that would be short</h2>
${shortTable(answer)}
<h2>Headroom left per cluster<span class="meta">${resources.length ? 'requested (blue) and left (green), stacked to capacity' : 'the fleet models no capacity'}</span></h2>
<section id="headroom" class="headroom"></section>
<script>${echartsBundle()}</script>
<script>
const data = ${scriptJson({ ...answer, resources })};
const GIB = ${1024 ** 3};
${formatAmount.toString()}
${WHAT_IF_PAGE_SCRIPT}
</script>
</body>
</html>
`;
}
