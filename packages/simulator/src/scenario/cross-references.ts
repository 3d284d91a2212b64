import { didYouMean, durationSchema, excerpt, type FieldIssue } from '@lifeboat/core';

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

// The workload fields a flavour's placement lives in, and the keys in them that list cluster names
// (Karmada's clusterAffinity `clusterNames` and `exclude`, at any depth: affinity groups, static
// weights); a flavour's own new fields of the same names are checked without changes here.
const PLACEMENT_FIELDS = ['placement', 'subscription', 'failover'];
const CLUSTER_NAME_LISTS = new Set(['clusterNames', 'exclude']);

/** Each cluster name a workload's placement lists, with its path. */
function placedClusterNames(value: unknown, path: string, out: { path: string; name: string }[]) {
  if (Array.isArray(value)) value.forEach((v, i) => placedClusterNames(v, `${path}[${i}]`, out));
  else if (isObject(value))
    for (const [key, v] of Object.entries(value)) {
      if (CLUSTER_NAME_LISTS.has(key) && Array.isArray(v))
        v.forEach((name, i) => {
          if (typeof name === 'string') out.push({ path: `${path}.${key}[${i}]`, name });
        });
      else placedClusterNames(v, `${path}.${key}`, out);
    }
  return out;
}

/** `unknown cluster "x"`, with the cluster it is most likely a misspelling of. */
const unknownCluster = (name: string, clusters: ReadonlyMap<string, number>): string =>
  `unknown cluster ${excerpt(name)}${didYouMean(name, clusters.keys())}`;

/** The did-you-mean of a workload reference: a similar name in the same namespace, written alike. */
function similarWorkload(reference: string, workloads: ReadonlyMap<string, number>): string {
  const [namespace, name = ''] = workloadKey(reference).split('/');
  const names = [...workloads.keys()]
    .filter((key) => key.startsWith(`${namespace}/`))
    .map((key) => key.slice(`${namespace}/`.length));
  const hint = didYouMean(name, names);
  return reference.includes('/') ? hint.replace('"', `"${namespace}/`) : hint;
}

/**
 * The rules that span fields: unique cluster and workload names, events and placements naming
 * clusters and workloads that exist, and events inside the run. Reads the raw document and skips what the
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

  // A placement naming a cluster the scenario lacks is a typo far more often than a plan: Karmada
  // would just never place there, and the run would quietly test something else.
  if (clusters.size > 0)
    list(spec.workloads).forEach((w, i) => {
      if (!isObject(w)) return;
      for (const field of PLACEMENT_FIELDS)
        for (const { path, name } of placedClusterNames(
          w[field],
          `spec.workloads[${i}].${field}`,
          [],
        ))
          if (!clusters.has(name)) issues.push({ path, message: unknownCluster(name, clusters) });
    });

  const duration = milliseconds(spec.duration);
  list(spec.events).forEach((e, i) => {
    if (!isObject(e) || typeof e.action !== 'string') return;
    if (
      EVENT_CLUSTER_ACTIONS.has(e.action) &&
      typeof e.cluster === 'string' &&
      !clusters.has(e.cluster)
    ) {
      issues.push({
        path: `spec.events[${i}].cluster`,
        message: unknownCluster(e.cluster, clusters),
      });
    }
    if (
      EVENT_WORKLOAD_ACTIONS.has(e.action) &&
      typeof e.workload === 'string' &&
      !workloads.has(workloadKey(e.workload))
    ) {
      issues.push({
        path: `spec.events[${i}].workload`,
        message: `unknown workload ${excerpt(e.workload)}${similarWorkload(e.workload, workloads)}`,
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
