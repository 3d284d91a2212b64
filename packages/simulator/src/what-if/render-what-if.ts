import { table } from '../report/render-report';
import type { PlacementMap } from '../report/simulation-report';
import { clockTime, span } from '../report/time-format';
import type { ResourceAmounts, WhatIfAnswer, WhatIfWorkload } from './what-if-answer';

const GIB = 1024 ** 3;

/** One resource amount as people read it: cores to the millicore, memory in GiB. */
export function formatAmount(resource: string, amount: number): string {
  if (resource === 'memory') return `${Math.round((amount / GIB) * 10) / 10}Gi`;
  return String(Math.round(amount * 1000) / 1000);
}

function placement(p: PlacementMap): string {
  const entries = Object.entries(p);
  return entries.length ? entries.map(([c, n]) => `${c}=${n}`).join(' ') : '(none)';
}

/** Workloads short first (most replicas short, then unschedulable), then by name. */
export function workloadsShortFirst(
  workloads: Readonly<Record<string, WhatIfWorkload>>,
): [string, WhatIfWorkload][] {
  return Object.entries(workloads).sort(
    ([a, x], [b, y]) =>
      y.shortBy - x.shortBy ||
      Number(y.unschedulable) - Number(x.unschedulable) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
}

/** The resources the answer's clusters have, `cpu`, `memory` and `pods` first. */
export function resourceNames(answer: WhatIfAnswer): string[] {
  const names = new Set(Object.values(answer.clusters).flatMap((c) => Object.keys(c.capacity)));
  const first = ['cpu', 'memory', 'pods'].filter((n) => names.has(n));
  return [...first, ...[...names].filter((n) => !first.includes(n)).sort()];
}

function left(
  resource: string,
  headroom: ResourceAmounts | null,
  capacity: ResourceAmounts,
): string {
  const total = capacity[resource];
  if (total === undefined) return '-';
  if (!headroom) return `- / ${formatAmount(resource, total)}`;
  return `${formatAmount(resource, headroom[resource] ?? 0)} / ${formatAmount(resource, total)}`;
}

/**
 * The answer as text: what failed and when, the workloads (short ones first) with their
 * placement, then each cluster's headroom (left / capacity).
 * @public
 */
export function renderWhatIf(
  answer: WhatIfAnswer,
  options: { maxWorkloadRows?: number } = {},
): string {
  const max = options.maxWorkloadRows ?? 50;
  const rows = workloadsShortFirst(answer.workloads);
  const short = rows.filter(([, w]) => w.shortBy > 0 || w.unschedulable);
  const lines = [
    `What if ${answer.failed.join(', ')} fail${answer.failed.length === 1 ? 's' : ''}? (scenario ${answer.scenario}, flavor ${answer.flavor}, seed ${answer.seed})`,
    `  failed at ${clockTime(answer.failedAt)}, state at ${clockTime(answer.until)}; last change at ${clockTime(answer.lastChangeAt)} (${span(answer.lastChangeAt - answer.failedAt)} after the failure)`,
    ...(answer.settled
      ? []
      : ['  NOT SETTLED: the controllers were still at work late in the run; raise --horizon']),
    '',
    short.length === 0
      ? `Workloads: all ${rows.length} keep every replica ready`
      : `Workloads: ${short.length} of ${rows.length} short`,
    ...table([
      ['WORKLOAD', 'DESIRED', 'READY', 'SHORT BY', 'UNSCHEDULABLE', 'PLACEMENT'],
      ...rows
        .slice(0, max)
        .map(([key, w]) => [
          key,
          String(w.desired),
          String(w.ready),
          String(w.shortBy),
          w.unschedulable ? 'yes' : 'no',
          placement(w.placement),
        ]),
    ]),
    ...(rows.length > max
      ? [`  … ${rows.length - max} more, none shorter (--json lists all)`]
      : []),
    '',
    'Headroom (left / capacity)',
  ];
  const resources = resourceNames(answer);
  lines.push(
    ...table([
      ['CLUSTER', 'REGION', 'STATE', ...resources.map((r) => r.toUpperCase())],
      ...Object.entries(answer.clusters).map(([name, c]) => [
        name,
        c.region ?? '-',
        c.failed ? 'failed' : 'up',
        ...resources.map((r) => left(r, c.headroom, c.capacity)),
      ]),
    ]),
  );
  return `${lines.join('\n')}\n`;
}
