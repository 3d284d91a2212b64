/** Object metadata as a manifest carries it. @public */
export interface ManifestMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

/** A Kubernetes object as YAML or JSON gives it: typed where Lifeboat reads it, the rest as is. @public */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ManifestMetadata;
  readonly [field: string]: unknown;
}

/** The workload kinds Lifeboat places. @public */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'] as const;
/** @public */
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** The kinds that travel with a workload when it references them. @public */
export const DEPENDENCY_KINDS = ['ConfigMap', 'Secret'] as const;
/** @public */
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/** Where an object of a kind lives on an API server. */
const RESOURCES: Readonly<Record<string, { readonly prefix: string; readonly plural: string }>> = {
  Deployment: { prefix: '/apis/apps/v1', plural: 'deployments' },
  StatefulSet: { prefix: '/apis/apps/v1', plural: 'statefulsets' },
  ConfigMap: { prefix: '/api/v1', plural: 'configmaps' },
  Secret: { prefix: '/api/v1', plural: 'secrets' },
  Namespace: { prefix: '/api/v1', plural: 'namespaces' },
};

/**
 * The API path of an object (`/apis/apps/v1/namespaces/web/deployments/api`), or of its
 * collection when `name` is left out. Only the kinds Lifeboat places are known.
 * @public
 */
export function resourcePath(kind: string, namespace: string | undefined, name?: string): string {
  const resource = RESOURCES[kind];
  if (!resource) throw new Error(`no API path known for kind ${kind}`);
  const scope = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${resource.prefix}${scope}/${resource.plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

/** `Kind namespace/name`, for messages. @public */
export function describeManifest(manifest: Pick<Manifest, 'kind' | 'metadata'>): string {
  const { namespace, name } = manifest.metadata;
  return `${manifest.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
