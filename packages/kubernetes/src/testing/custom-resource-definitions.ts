import type { KubeObject } from './object-store';
import type { PrinterColumn, ResourceType } from './resource-types';

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: unknown };
  schema?: { openAPIV3Schema?: unknown };
  additionalPrinterColumns?: PrinterColumn[];
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: {
    plural?: string;
    singular?: string;
    kind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions?: CrdVersion[];
}

/** Why a CRD cannot be served, as the field paths kube-apiserver's validation names; empty if fine. */
export function crdProblems(crd: KubeObject): { field: string; message: string }[] {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const problems: { field: string; message: string }[] = [];
  if (!spec.group) problems.push({ field: 'spec.group', message: 'Required value' });
  if (!spec.names?.plural) problems.push({ field: 'spec.names.plural', message: 'Required value' });
  if (!spec.names?.kind) problems.push({ field: 'spec.names.kind', message: 'Required value' });
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    problems.push({
      field: 'spec.scope',
      message: 'Unsupported value: must be Namespaced or Cluster',
    });
  const versions = spec.versions ?? [];
  if (versions.length === 0)
    problems.push({
      field: 'spec.versions',
      message: 'Invalid value: must have exactly one version marked as storage version',
    });
  else if (versions.filter((v) => v.storage).length !== 1)
    problems.push({
      field: 'spec.versions',
      message: 'Invalid value: must have exactly one version marked as storage version',
    });
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema)
      problems.push({
        field: `spec.versions[${i}].schema.openAPIV3Schema`,
        message: 'Required value: schemas are required',
      });
  });
  if (
    spec.group &&
    spec.names?.plural &&
    crd.metadata.name !== `${spec.names.plural}.${spec.group}`
  )
    problems.push({
      field: 'metadata.name',
      message: `Invalid value: "${crd.metadata.name}": must be spec.names.plural+"."+spec.group`,
    });
  return problems;
}

/** The resource types an accepted CRD serves, one per served version. */
export function customResourceTypes(crd: KubeObject): ResourceType[] {
  const spec = crd.spec as CrdSpec;
  const names = spec.names as Required<Pick<NonNullable<CrdSpec['names']>, 'plural' | 'kind'>> &
    NonNullable<CrdSpec['names']>;
  return (spec.versions ?? [])
    .filter((v) => v.served !== false)
    .map((v) => ({
      group: spec.group as string,
      version: v.name,
      resource: names.plural,
      singular: names.singular ?? names.kind.toLowerCase(),
      kind: names.kind,
      namespaced: spec.scope === 'Namespaced',
      ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      ...(names.categories ? { categories: names.categories } : {}),
      status: v.subresources?.status !== undefined,
      generation: true,
      requireResourceVersionOnUpdate: true,
      schema: v.schema?.openAPIV3Schema,
      ...(v.additionalPrinterColumns ? { printerColumns: v.additionalPrinterColumns } : {}),
      listKeys: { ownerReferences: ['uid'], ...listKeysOf(v.schema?.openAPIV3Schema) },
    }));
}

/** The status the CRD controllers write once names are accepted and the API is served. */
export function establishedStatus(crd: KubeObject, now: string): Record<string, unknown> {
  const spec = crd.spec as CrdSpec;
  const condition = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: spec.names,
    storedVersions: (spec.versions ?? []).filter((v) => v.storage).map((v) => v.name),
  };
}

/** Keyed lists declared by `x-kubernetes-list-type: map`, by property name. */
function listKeysOf(
  schema: unknown,
  out: Record<string, string[]> = {},
  name = '',
): Record<string, string[]> {
  if (typeof schema !== 'object' || schema === null) return out;
  const node = schema as Record<string, unknown>;
  if (
    node['x-kubernetes-list-type'] === 'map' &&
    Array.isArray(node['x-kubernetes-list-map-keys']) &&
    name
  )
    out[name] = node['x-kubernetes-list-map-keys'] as string[];
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>))
    listKeysOf(child, out, key);
  listKeysOf(node.items, out, name);
  listKeysOf(node.additionalProperties, out, name);
  return out;
}
