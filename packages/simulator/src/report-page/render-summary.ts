import type { FaultGroupSummary, RunSummary } from '../report/simulation-report';
import { clockTime, span } from '../report/time-format';
import { escapeHtml } from './escape-html';

/** Fault groups listed before the rest fold away. */
const SHOWN_FAULT_GROUPS = 6;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * A figure of the summary, marked with its path in the JSON report's `summary` and its exact
 * value there, so a reader (or a test) can match what the page says to the report.
 */
function figure(field: string, value: number | null, text: string): string {
  return `<span class="fig" data-field="${field}" data-value="${value === null ? 'null' : value}">${escapeHtml(text)}</span>`;
}

function faultItem(group: FaultGroupSummary, i: number): string {
  const path = `faults.${i}`;
  const parts: string[] = [];
  const d = group.detection;
  if (d) {
    if (d.detected === 0) {
      parts.push(
        `not detected before the end (${figure(`${path}.detection.undetected`, d.undetected, count(d.undetected))} clusters)`,
      );
    } else {
      const same = d.minSeconds === d.maxSeconds;
      parts.push(
        same
          ? `detected after ${figure(`${path}.detection.medianSeconds`, d.medianSeconds, span(d.medianSeconds ?? 0))}`
          : `detected after ${figure(`${path}.detection.minSeconds`, d.minSeconds, span(d.minSeconds ?? 0))} min · ${figure(`${path}.detection.medianSeconds`, d.medianSeconds, span(d.medianSeconds ?? 0))} median · ${figure(`${path}.detection.maxSeconds`, d.maxSeconds, span(d.maxSeconds ?? 0))} max`,
      );
      if (d.undetected > 0)
        parts.push(
          `${figure(`${path}.detection.undetected`, d.undetected, count(d.undetected))} never detected`,
        );
    }
  }
  const e = group.evictions;
  if (e && e.started > 0) {
    parts.push(
      `${figure(`${path}.evictions.started`, e.started, count(e.started))} ${e.started === 1 ? 'eviction' : 'evictions'} from ${clockTime(e.firstStartedAt ?? 0)}${
        e.startSpreadSeconds > 0
          ? `, spread over ${figure(`${path}.evictions.startSpreadSeconds`, e.startSpreadSeconds, span(e.startSpreadSeconds))}`
          : ''
      }`,
    );
  } else if (e) {
    parts.push('no evictions');
  }
  return `<li><span class="fault-label">${escapeHtml(group.label)}</span> at ${figure(`${path}.at`, group.at, clockTime(group.at))}${parts.length ? `<div class="sub">${parts.join(' · ')}</div>` : ''}</li>`;
}

function card(title: string, big: string, small: string, tone = ''): string {
  return `<div class="card${tone ? ` ${tone}` : ''}"><div class="card-title">${title}</div><div class="big">${big}</div><div class="small">${small}</div></div>`;
}

/**
 * The summary at the top of the report page: the fault groups, then one card per figure
 * (workloads disrupted, unschedulable, replica-seconds short, when all were whole again,
 * evictions, clusters changed). Every number comes from the report's `summary`.
 * @public
 */
export function renderSummary(summary: RunSummary): string {
  const { workloads: w, evictions: e, clusters: c } = summary;
  const faults = summary.faults.map(faultItem);
  const faultList =
    faults.length === 0
      ? '<p class="meta">No events were injected.</p>'
      : `<ol class="faults">${faults.slice(0, SHOWN_FAULT_GROUPS).join('')}</ol>${
          faults.length > SHOWN_FAULT_GROUPS
            ? `<details><summary>${faults.length - SHOWN_FAULT_GROUPS} more event group(s)</summary><ol class="faults" start="${SHOWN_FAULT_GROUPS + 1}">${faults.slice(SHOWN_FAULT_GROUPS).join('')}</ol></details>`
            : ''
        }`;
  const first = summary.faults[0];
  const whole =
    w.wholeAgainAt !== null
      ? card(
          'All whole again',
          `at ${figure('workloads.wholeAgainAt', w.wholeAgainAt, clockTime(w.wholeAgainAt))}`,
          `${figure('workloads.secondsUntilWhole', w.secondsUntilWhole, span(w.secondsUntilWhole ?? 0))} after the first event${first ? ` (${clockTime(first.at)})` : ''}`,
          'good',
        )
      : w.shortAtEnd > 0
        ? card(
            'Still short at the end',
            figure('workloads.shortAtEnd', w.shortAtEnd, count(w.shortAtEnd)),
            `workload(s) without every replica ready when the run ended`,
            'bad',
          )
        : card('All whole again', 'never short', 'no workload lost a ready replica', 'good');
  const cards = [
    card(
      'Workloads disrupted',
      figure('workloads.disrupted', w.disrupted, count(w.disrupted)),
      `of ${figure('workloads.total', w.total, count(w.total))} had fewer ready replicas than desired`,
      w.disrupted > 0 ? 'warn' : 'good',
    ),
    card(
      'Replica-seconds short',
      figure('workloads.replicaSecondsShort', w.replicaSecondsShort, count(w.replicaSecondsShort)),
      w.replicaSecondsShort >= 360
        ? `≈ ${(w.replicaSecondsShort / 3600).toFixed(1)} replica-hours of desired service not ready`
        : 'missing ready replicas × the seconds they were missing',
      w.replicaSecondsShort > 0 ? 'warn' : 'good',
    ),
    whole,
    card(
      'Unschedulable',
      figure('workloads.unschedulable', w.unschedulable, count(w.unschedulable)),
      `workload(s) with no placement at some point, ${figure('workloads.unschedulableAtEnd', w.unschedulableAtEnd, count(w.unschedulableAtEnd))} at the end`,
      w.unschedulable > 0 ? 'bad' : 'good',
    ),
    card(
      'Evictions',
      figure('evictions.started', e.started, count(e.started)),
      e.started > 0
        ? `${figure('evictions.completed', e.completed, count(e.completed))} completed; ${
            e.startSpreadSeconds > 0
              ? `starts spread over ${figure('evictions.startSpreadSeconds', e.startSpreadSeconds, span(e.startSpreadSeconds))} (${clockTime(e.firstStartedAt ?? 0)}–${clockTime(e.lastStartedAt ?? 0)})`
              : `started at ${clockTime(e.firstStartedAt ?? 0)}`
          }`
        : 'none started',
    ),
    card(
      'Clusters changed',
      `${figure('clusters.changed', c.changed, count(c.changed))} <span class="of">of ${figure('clusters.total', c.total, count(c.total))}</span>`,
      `${figure('clusters.readyAtEnd', c.readyAtEnd, count(c.readyAtEnd))} Ready at the end`,
    ),
  ];
  return `<section id="summary" class="summary">
<div class="what"><h2>What happened</h2>${faultList}</div>
<div class="cards">${cards.join('')}</div>
</section>`;
}
