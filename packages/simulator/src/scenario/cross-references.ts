import { durationSchema, type FieldIssue } from '@lifeboat/core';

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `namespace/name` of a workload reference as events write it (`foo` means `default/foo`). @public */
export function workloadKey(reference: string): string {
  return reference.includes('/') ? reference : `default/${reference}`;
}

const EVENT_CLUSTER_ACTIONS = new Set([
  'fail',
  'recover',
  'degrade',
  'cordon',
  'uncordon',
  'unhealthy',
]);
const EVENT_WORKLOAD_ACTIONS = new Set(['scale', 'unhealthy']);

/** Milliseconds of a raw duration field, or undefined when the schema will refuse it anyway. */
function milliseconds(value: unknown): number | undefined {
  const parsed = durationSchema().safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The rules that span fields: unique cluster and workload names, events naming clusters and
 * workloads that exist, and events inside the run. Reads the raw document and skips what the
 * schema will report anyway, so both sets of problems are reported together.
 * @public
 */
export function crossReferenceIssues(document: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const spec = isObject(document) && isObject(document.spec) ? document.spec : undefined;
  if (!spec) return issues;

  const clusters = new Map<string, number>();
  list(spec.clusters).forEach((c, i) => {
    if (!isObject(c) || typeof c.name !== 'string') return;
    const first = clusters.get(c.name);
    if (first === undefined) clusters.set(c.name, i);
    else
      issues.push({
        path: `spec.clusters[${i}].name`,
        message: `duplicate cluster name "${c.name}" (also spec.clusters[${first}])`,
      });
  });

  const workloads = new Map<string, number>();
  list(spec.workloads).forEach((w, i) => {
    if (!isObject(w) || typeof w.name !== 'string') return;
    const key = `${typeof w.namespace === 'string' ? w.namespace : 'default'}/${w.name}`;
    const first = workloads.get(key);
    if (first === undefined) workloads.set(key, i);
    else
      issues.push({
        path: `spec.workloads[${i}].name`,
        message: `duplicate workload "${key}" (also spec.workloads[${first}])`,
      });
  });

  const duration = milliseconds(spec.duration);
  list(spec.events).forEach((e, i) => {
    if (!isObject(e) || typeof e.action !== 'string') return;
    if (
      EVENT_CLUSTER_ACTIONS.has(e.action) &&
      typeof e.cluster === 'string' &&
      !clusters.has(e.cluster)
    ) {
      issues.push({ path: `spec.events[${i}].cluster`, message: `unknown cluster "${e.cluster}"` });
    }
    if (
      EVENT_WORKLOAD_ACTIONS.has(e.action) &&
      typeof e.workload === 'string' &&
      !workloads.has(workloadKey(e.workload))
    ) {
      issues.push({
        path: `spec.events[${i}].workload`,
        message: `unknown workload "${e.workload}"`,
      });
    }
    const at = milliseconds(e.at);
    if (at !== undefined && duration !== undefined && at > duration) {
      issues.push({
        path: `spec.events[${i}].at`,
        message: `${String(e.at)} is after the end of the run (duration ${String(spec.duration)})`,
      });
    }
  });
  return issues;
}
