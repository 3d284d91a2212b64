import type { Manifest } from './manifest';
import type { WorkloadTemplate } from './workload-template';

/** The field manager of every server-side apply Lifeboat makes. @public */
export const FIELD_MANAGER = 'lifeboat';

/** Marks an object on a member as Lifeboat's (the standard label, value `lifeboat`). @public */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** @public */
export const MANAGED_BY = 'lifeboat';
/** The binding (`namespace/name`) a member object belongs to. @public */
export const BINDING_ANNOTATION = 'lifeboat.dev/binding';

/**
 * What Lifeboat applies on one member for a binding: the template's ConfigMaps and Secrets
 * first (so the pods find them), then the workload with `spec.replicas` set to the member's
 * share. Each carries the managed-by label and the binding annotation, so Lifeboat can tell its
 * own objects from everyone else's, and only the fields the template sets: server-side apply
 * then owns exactly those for field manager {@link FIELD_MANAGER}.
 * @public
 */
export function memberManifests(
  template: WorkloadTemplate,
  bindingKey: string,
  replicas: number,
): Manifest[] {
  const spec = template.workload['spec'] as Record<string, unknown>;
  return [
    ...template.dependencies.map((d) => marked(d, bindingKey)),
    marked({ ...template.workload, spec: { ...spec, replicas } }, bindingKey),
  ];
}

/** Whether a member's object is Lifeboat's and belongs to the binding. @public */
export function belongsTo(
  object: { readonly metadata?: Manifest['metadata'] },
  bindingKey: string,
): boolean {
  return isLifeboats(object) && object.metadata?.annotations?.[BINDING_ANNOTATION] === bindingKey;
}

/** Whether a member's object was made by Lifeboat (whichever binding). @public */
export function isLifeboats(object: { readonly metadata?: Manifest['metadata'] }): boolean {
  return object.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY;
}

function marked(manifest: Manifest, bindingKey: string): Manifest {
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      labels: { ...manifest.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { ...manifest.metadata.annotations, [BINDING_ANNOTATION]: bindingKey },
    },
  };
}
