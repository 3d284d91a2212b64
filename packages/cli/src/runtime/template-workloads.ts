import { ValidationError, type FieldIssue } from '@lifeboat/core';
import {
  DEPENDENCY_KINDS,
  WORKLOAD_KINDS,
  describeManifest,
  parseWorkloadTemplate,
  templateReplicaRequest,
  templateReplicas,
  type Manifest,
  type WorkloadTemplate,
} from '@lifeboat/kubernetes';
import { readScenarioDocument, yamlErrorIssue } from '@lifeboat/simulator';
import { parseAllDocuments } from 'yaml';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A workloads file split into its `kind: Workloads` document and the Kubernetes manifests beside it. */
export interface WorkloadDocuments {
  readonly document: unknown;
  readonly manifests: readonly Manifest[];
}

const MANIFEST_KINDS: readonly string[] = [...WORKLOAD_KINDS, ...DEPENDENCY_KINDS];

/**
 * Reads what `lifeboat apply` takes: one document (`kind: Workloads` or `kind: Scenario`), or
 * several separated by `---`: that document and Kubernetes manifests (Deployments and
 * StatefulSets that its workloads name as templates, and the ConfigMaps and Secrets they
 * reference, which travel with them). A document that is neither is refused by its position.
 */
export function readWorkloadDocuments(text: string): WorkloadDocuments {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length <= 1)
    return { document: readScenarioDocument(text), manifests: [] };
  const issues: FieldIssue[] = [];
  let document: unknown;
  const manifests: Manifest[] = [];
  documents.forEach((doc, i) => {
    const at = `documents[${i}]`;
    if (doc.errors.length > 0) {
      issues.push(...doc.errors.map((e) => yamlErrorIssue(e, at)));
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return;
    if (!isObject(value)) {
      issues.push({ path: at, message: 'must be a mapping' });
      return;
    }
    if (value['kind'] === 'Workloads' || value['kind'] === 'Scenario') {
      if (document !== undefined)
        issues.push({ path: at, message: 'a second Workloads document; a file holds one' });
      document = value;
      return;
    }
    const metadata = value['metadata'];
    if (
      typeof value['apiVersion'] !== 'string' ||
      !MANIFEST_KINDS.includes(String(value['kind'])) ||
      !isObject(metadata) ||
      typeof metadata['name'] !== 'string'
    ) {
      issues.push({
        path: at,
        message: `expected the Workloads document or a manifest of kind ${MANIFEST_KINDS.join(', ')} with metadata.name`,
      });
      return;
    }
    manifests.push({
      ...(value as unknown as Manifest),
      metadata: {
        ...(metadata as Manifest['metadata']),
        namespace: String(metadata['namespace'] ?? 'default'),
      },
    });
  });
  if (document === undefined)
    issues.push({ path: '', message: 'no kind: Workloads document among the documents' });
  if (issues.length > 0) throw new ValidationError(issues);
  return { document, manifests };
}

/** A workload entry with its template resolved, ready for the scenario workload schema. */
export interface ExpandedWorkload {
  readonly raw: unknown;
  readonly template?: WorkloadTemplate;
}

/**
 * Resolves a workload entry's `template`: a whole Deployment or StatefulSet manifest, or
 * `{kind, name, namespace}` naming one of the file's manifests. The entry's name, namespace,
 * kind, labels, replicas and per-replica resources come from the template; an entry that states
 * one of them differently is refused.
 */
export function expandTemplate(
  raw: unknown,
  manifests: readonly Manifest[],
  path: string,
  issues: FieldIssue[],
  used: Set<Manifest>,
): ExpandedWorkload {
  if (!isObject(raw) || raw['template'] === undefined) return { raw };
  const { template: given, ...rest } = raw;
  let manifest: unknown = given;
  if (isObject(given) && given['spec'] === undefined) {
    const found = manifests.find(
      (m) =>
        m.kind === given['kind'] &&
        m.metadata.name === given['name'] &&
        m.metadata.namespace === (given['namespace'] ?? 'default'),
    );
    if (!found) {
      issues.push({
        path: `${path}.template`,
        message: `no ${String(given['kind'])} ${String(given['namespace'] ?? 'default')}/${String(given['name'])} among the file's manifests`,
      });
      return { raw: rest };
    }
    used.add(found);
    manifest = found;
  }
  let template: WorkloadTemplate;
  try {
    template = parseWorkloadTemplate(manifest, manifests, `${path}.template`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
    return { raw: rest };
  }
  const derived: Loose = {
    name: template.workload.metadata.name,
    namespace: template.workload.metadata.namespace,
    kind: template.workload.kind,
    replicas: templateReplicas(template),
  };
  const labels = template.workload.metadata.labels;
  if (labels && Object.keys(labels).length > 0) derived['labels'] = labels;
  const request = templateReplicaRequest(template);
  if (Object.keys(request).length > 0)
    derived['resources'] = Object.fromEntries(
      Object.entries(request).map(([k, q]) => [k, q.toString()]),
    );
  for (const [field, value] of Object.entries(derived))
    if (rest[field] !== undefined && JSON.stringify(rest[field]) !== JSON.stringify(value))
      issues.push({
        path: `${path}.${field}`,
        message: `the template says ${JSON.stringify(value)}; leave it out or make them agree`,
      });
  return { raw: { ...rest, ...derived }, template };
}

/** Deployments and StatefulSets in the file that no workload names are a mistake, not a no-op. */
export function unusedWorkloadIssues(
  manifests: readonly Manifest[],
  used: ReadonlySet<Manifest>,
): FieldIssue[] {
  return manifests
    .filter((m) => (WORKLOAD_KINDS as readonly string[]).includes(m.kind) && !used.has(m))
    .map((m) => ({
      path: '',
      message: `${describeManifest(m)} is not the template of any workload (add a workload with template: {kind: ${m.kind}, name: ${m.metadata.name}})`,
    }));
}
