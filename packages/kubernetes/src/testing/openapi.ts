import type { ResourceRegistry } from './resource-registry';

const PATCH_PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

/** `GET /openapi/v3`: where each group version's document is. */
export function openApiRoot(registry: ResourceRegistry): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, versions } of registry.groupVersions()) {
    for (const version of versions) {
      const path = group === '' ? `api/${version}` : `apis/${group}/${version}`;
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${registry.all().length}` };
    }
  }
  return { paths };
}

/**
 * `GET /openapi/v3/apis/{group}/{version}`: only the operations, no schemas. kubectl reads it
 * to learn that PATCH takes `fieldValidation` (so it leaves validation to the server, which
 * this double does not do beyond names) and `fieldManager`.
 */
export function openApiGroupVersion(
  registry: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const types = registry.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const paths: Record<string, unknown> = {};
  for (const type of types) {
    const gvk = { 'x-kubernetes-group-version-kind': { group, version, kind: type.kind } };
    const item = type.namespaced
      ? `${prefix}/namespaces/{namespace}/${type.resource}/{name}`
      : `${prefix}/${type.resource}/{name}`;
    paths[item] = {
      get: { operationId: `read${type.kind}`, ...gvk },
      put: { operationId: `replace${type.kind}`, ...gvk },
      patch: { operationId: `patch${type.kind}`, parameters: PATCH_PARAMETERS, ...gvk },
      delete: { operationId: `delete${type.kind}`, ...gvk },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (Lifeboat API double)', version: 'v1.32.0' },
    paths,
    components: { schemas: {} },
  };
}
