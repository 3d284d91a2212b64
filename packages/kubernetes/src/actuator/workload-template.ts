import { ValidationError, type Binding, type FieldIssue, type ResourceList } from '@lifeboat/core';
import { podRequests, type PodResources } from '../capacity/pod-requests';
import { DEPENDENCY_KINDS, WORKLOAD_KINDS, describeManifest, type Manifest } from './manifest';
import { podReferences } from './pod-references';

/**
 * A workload as Lifeboat places it: the template manifest (a Deployment or StatefulSet) and the
 * ConfigMaps and Secrets it references that travel with it (Karmada's `propagateDeps`).
 * @public
 */
export interface WorkloadTemplate {
  readonly workload: Manifest;
  readonly dependencies: readonly Manifest[];
}

/**
 * The Binding annotation that carries a workload's template (JSON), so the template travels with
 * the binding through any StateStore and a controller needs nothing else to place it.
 * @public
 */
export const TEMPLATE_ANNOTATION = 'lifeboat.dev/template';

/**
 * Largest template Lifeboat stores: Kubernetes allows 256 KiB of annotations per object, and the
 * binding needs some for itself.
 */
const MAX_TEMPLATE_BYTES = 200 * 1024;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Checks a template manifest (at field path `path`) and picks, from `available` (the other
 * manifests given with it), the ConfigMaps and Secrets of its namespace that its pod template
 * references. A referenced object that is not given does not travel: the member may hold its own
 * (a Secret each cluster keeps for itself). The namespace defaults to `default`. Server-set
 * metadata and `status` are dropped, so a manifest read back with `kubectl get -o yaml` works too.
 * @public
 */
export function parseWorkloadTemplate(
  manifest: unknown,
  available: readonly Manifest[],
  path = '',
): WorkloadTemplate {
  const at = (field: string): string => (path ? `${path}.${field}` : field);
  const issues: FieldIssue[] = [];
  if (!isObject(manifest))
    throw ValidationError.at(path, 'must be a Deployment or StatefulSet manifest');
  const kind = manifest['kind'];
  if (!(WORKLOAD_KINDS as readonly unknown[]).includes(kind))
    issues.push({ path: at('kind'), message: `must be one of ${WORKLOAD_KINDS.join(', ')}` });
  if (manifest['apiVersion'] !== 'apps/v1')
    issues.push({ path: at('apiVersion'), message: 'must be apps/v1' });
  const metadata = isObject(manifest['metadata']) ? manifest['metadata'] : undefined;
  const name = metadata?.['name'];
  if (typeof name !== 'string' || !DNS_SUBDOMAIN.test(name))
    issues.push({ path: at('metadata.name'), message: 'required: a DNS-1123 subdomain' });
  const namespace = metadata?.['namespace'] ?? 'default';
  if (typeof namespace !== 'string' || !DNS_LABEL.test(namespace))
    issues.push({ path: at('metadata.namespace'), message: 'must be a DNS-1123 label' });
  const spec = isObject(manifest['spec']) ? manifest['spec'] : undefined;
  if (!spec) issues.push({ path: at('spec'), message: 'required' });
  const replicas = spec?.['replicas'] ?? 1;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)
    issues.push({ path: at('spec.replicas'), message: 'must be a whole number >= 0' });
  const podSpec = isObject(spec?.['template']) ? (spec['template'] as Loose)['spec'] : undefined;
  const containers = isObject(podSpec) ? podSpec['containers'] : undefined;
  if (!Array.isArray(containers) || containers.length === 0)
    issues.push({
      path: at('spec.template.spec.containers'),
      message: 'required: at least one container',
    });
  if (issues.length > 0) throw new ValidationError(issues);
  const ns = namespace as string;

  const workload = cleaned({
    ...manifest,
    metadata: { ...metadata, namespace },
  } as unknown as Manifest);
  const refs = podReferences(podSpec);
  const dependencies = available
    .filter(
      (m) =>
        (m.metadata.namespace ?? 'default') === ns &&
        ((m.kind === 'ConfigMap' && refs.configMaps.has(m.metadata.name)) ||
          (m.kind === 'Secret' && refs.secrets.has(m.metadata.name))),
    )
    .map((m) => cleaned({ ...m, metadata: { ...m.metadata, namespace: ns } }))
    .sort((a, b) => (describeManifest(a) < describeManifest(b) ? -1 : 1));
  const template = { workload, dependencies };
  const size = Buffer.byteLength(JSON.stringify(template));
  if (size > MAX_TEMPLATE_BYTES)
    throw ValidationError.at(
      path,
      `${describeManifest(workload)} with its ConfigMaps and Secrets is ${size} bytes; at most ${MAX_TEMPLATE_BYTES} can travel with a binding`,
    );
  return template;
}

/** Whether a manifest is a kind that travels with workloads. @public */
export function isDependency(manifest: Manifest): boolean {
  return (DEPENDENCY_KINDS as readonly string[]).includes(manifest.kind);
}

/** What one replica of the template requests (for the capacity estimators). @public */
export function templateReplicaRequest(template: WorkloadTemplate): ResourceList {
  const spec = template.workload['spec'] as { template?: { spec?: PodResources } } | undefined;
  return podRequests(spec?.template?.spec ?? {});
}

/** The template's `spec.replicas` (default 1). @public */
export function templateReplicas(template: WorkloadTemplate): number {
  const spec = template.workload['spec'] as { replicas?: number } | undefined;
  return spec?.replicas ?? 1;
}

/** The annotation value for {@link TEMPLATE_ANNOTATION}. @public */
export function encodeTemplate(template: WorkloadTemplate): string {
  return JSON.stringify(template);
}

/**
 * The template a binding carries, or undefined when it carries none (a binding made for the
 * simulator's in-process members). A malformed annotation is an error naming the binding.
 * @public
 */
export function templateOf(binding: Binding): WorkloadTemplate | undefined {
  const raw = binding.metadata.annotations?.[TEMPLATE_ANNOTATION];
  if (raw === undefined) return undefined;
  const where = `Binding ${binding.metadata.namespace ?? ''}/${binding.metadata.name} annotation ${TEMPLATE_ANNOTATION}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw ValidationError.at(where, 'not JSON');
  }
  if (!isObject(parsed) || !Array.isArray(parsed['dependencies']))
    throw ValidationError.at(where, 'expected {workload, dependencies}');
  const dependencies = (parsed['dependencies'] as unknown[]).filter(
    isObject,
  ) as unknown as Manifest[];
  return parseWorkloadTemplate(parsed['workload'], dependencies, where);
}

/** Fields the API server sets; applying them would fail or fight the server. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'ownerReferences',
  'finalizers',
];
const KUBECTL_LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function cleaned(manifest: Manifest): Manifest {
  const { status: _status, ...rest } = manifest as Manifest & { status?: unknown };
  const metadata: Loose = { ...manifest.metadata };
  for (const field of SERVER_METADATA) delete metadata[field];
  if (isObject(metadata['annotations'])) {
    const { [KUBECTL_LAST_APPLIED]: _last, ...annotations } = metadata['annotations'] as Record<
      string,
      string
    >;
    if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
    else delete metadata['annotations'];
  }
  return { ...rest, metadata } as Manifest;
}
