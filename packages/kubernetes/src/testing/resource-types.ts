/** A CRD's `additionalPrinterColumns` entry. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
}

/** One kind of resource the API double serves, as discovery describes it. @public */
export interface ResourceType {
  /** `''` for the core group. */
  readonly group: string;
  readonly version: string;
  /** The plural name in URLs (`deployments`). */
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  /** Has a `/status` subresource: the main resource ignores status and `/status` only takes it. */
  readonly status: boolean;
  /** Bumps `metadata.generation` when anything but metadata and status changes. */
  readonly generation: boolean;
  /** Keyed lists for server-side apply, by the list's field name (atomic when absent). */
  readonly listKeys?: Readonly<Record<string, readonly string[]>>;
  /** A custom resource's structural schema (`openAPIV3Schema`): stored objects are pruned and checked against it. */
  readonly schema?: unknown;
  /** Columns `kubectl get` shows besides Name (a CRD's additionalPrinterColumns). */
  readonly printerColumns?: readonly PrinterColumn[];
  /** PUT without `metadata.resourceVersion` is refused (as for custom resources). */
  readonly requireResourceVersionOnUpdate?: boolean;
}

/** `apps/v1` or `v1`. */
export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** `deployments.apps`, or `pods` in the core group: the name errors and RBAC use. */
export function qualifiedResource(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return type.group === '' ? type.resource : `${type.resource}.${type.group}`;
}

/** The list keys of Kubernetes' own types that Lifeboat's objects use (from their openapi x-kubernetes-list-map-keys / patchMergeKey). */
const POD_TEMPLATE_LIST_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  ports: ['containerPort', 'protocol'],
  conditions: ['type'],
  ownerReferences: ['uid'],
};

const builtIn = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  version,
  resource,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  status: false,
  generation: false,
  listKeys: { ownerReferences: ['uid'] },
  ...extra,
});

/** The built-in resources the double serves. */
export const BUILT_IN_RESOURCE_TYPES: readonly ResourceType[] = [
  builtIn('', 'v1', 'namespaces', 'Namespace', false, { shortNames: ['ns'], status: true }),
  builtIn('', 'v1', 'nodes', 'Node', false, {
    shortNames: ['no'],
    status: true,
    listKeys: { conditions: ['type'], ownerReferences: ['uid'], taints: ['key', 'effect'] },
  }),
  builtIn('', 'v1', 'pods', 'Pod', true, {
    shortNames: ['po'],
    categories: ['all'],
    status: true,
    listKeys: POD_TEMPLATE_LIST_KEYS,
  }),
  builtIn('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  builtIn('', 'v1', 'secrets', 'Secret', true),
  builtIn('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  builtIn('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  builtIn('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
    categories: ['all'],
    status: true,
    generation: true,
    listKeys: POD_TEMPLATE_LIST_KEYS,
  }),
  builtIn('apps', 'v1', 'statefulsets', 'StatefulSet', true, {
    shortNames: ['sts'],
    categories: ['all'],
    status: true,
    generation: true,
    listKeys: POD_TEMPLATE_LIST_KEYS,
  }),
  builtIn('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  builtIn('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  builtIn('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  builtIn('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  builtIn('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  builtIn(
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    {
      shortNames: ['crd', 'crds'],
      status: true,
      generation: true,
    },
  ),
];
