import type { FaultGroupSummary, RunSummary } from './simulation-report';
import { clockTime, span } from './time-format';

/** Fault groups printed before the rest are counted in one line. */
const PRINTED_FAULT_GROUPS = 10;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

function faultLine(group: FaultGroupSummary): string {
  const parts = [`  ${clockTime(group.at).padStart(8)}  ${group.label}`];
  const d = group.detection;
  if (d && d.detected === 0) parts.push('not detected');
  else if (d && d.minSeconds === d.maxSeconds)
    parts.push(`detected after ${span(d.medianSeconds ?? 0)}`);
  else if (d)
    parts.push(
      `detected after ${span(d.minSeconds ?? 0)} / ${span(d.medianSeconds ?? 0)} / ${span(d.maxSeconds ?? 0)} (min / median / max)`,
    );
  if (d && d.detected > 0 && d.undetected > 0) parts.push(`${d.undetected} not detected`);
  const e = group.evictions;
  if (e && e.started > 0)
    parts.push(
      `${count(e.started)} eviction(s) from ${clockTime(e.firstStartedAt ?? 0)}${e.startSpreadSeconds > 0 ? ` over ${span(e.startSpreadSeconds)}` : ''}`,
    );
  return `${parts.join('; ')}`;
}

/** The report's `summary` as the first lines of the readable report. */
export function summaryLines(summary: RunSummary): string[] {
  const { workloads: w, evictions: e, clusters: c } = summary;
  const groups = summary.faults.slice(0, PRINTED_FAULT_GROUPS).map(faultLine);
  if (summary.faults.length > PRINTED_FAULT_GROUPS)
    groups.push(
      `  ... ${summary.faults.length - PRINTED_FAULT_GROUPS} more event group(s); --json has them`,
    );
  const whole =
    w.wholeAgainAt !== null
      ? `every workload whole again at ${clockTime(w.wholeAgainAt)} (${span(w.secondsUntilWhole ?? 0)} after the first event)`
      : w.shortAtEnd > 0
        ? `${count(w.shortAtEnd)} still short of ready replicas at the end`
        : 'none ever short of ready replicas';
  return [
    ...groups,
    `  workloads: ${count(w.disrupted)} of ${count(w.total)} disrupted, ${count(w.replicaSecondsShort)} replica-seconds short, ${count(w.unschedulable)} unschedulable (${count(w.unschedulableAtEnd)} at the end); ${whole}`,
    `  evictions: ${count(e.started)} started, ${count(e.completed)} completed${
      e.started === 0
        ? ''
        : e.startSpreadSeconds > 0
          ? `, started ${clockTime(e.firstStartedAt ?? 0)}–${clockTime(e.lastStartedAt ?? 0)}`
          : `, started at ${clockTime(e.firstStartedAt ?? 0)}`
    }`,
    `  clusters: ${count(c.changed)} of ${count(c.total)} changed after start-up, ${count(c.readyAtEnd)} Ready at the end`,
  ];
}
