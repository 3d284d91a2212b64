import { MemberApiError, type MemberClient } from '../members/member-client';
import { listAll } from '../members/list-all';
import { describeManifest, resourcePath, WORKLOAD_KINDS, type Manifest } from './manifest';
import {
  BINDING_ANNOTATION,
  FIELD_MANAGER,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  belongsTo,
  isLifeboats,
  memberManifests,
} from './member-manifests';
import { podReferences } from './pod-references';
import type { WorkloadTemplate } from './workload-template';
import type { WorkloadObjectStatus } from './workload-status';

/** Something on the member is in the way: an object of the same name that Lifeboat did not create. @public */
export class ForeignObjectError extends Error {
  override readonly name = 'ForeignObjectError';
}

const SELECTOR = `labelSelector=${encodeURIComponent(`${MANAGED_BY_LABEL}=${MANAGED_BY}`)}`;

/**
 * Lifeboat's objects of one binding on one member: applied by server-side apply (field manager
 * `lifeboat`, forced only over objects that are already Lifeboat's), read back, and removed.
 * An object of the same name that Lifeboat did not make is never changed or deleted.
 * @public
 */
export class MemberObjects {
  /** Namespaces known to exist, so each is checked once. */
  private readonly namespaces = new Set<string>();
  /**
   * Removals on this member one at a time: each decides which shared ConfigMaps and Secrets are
   * still referenced from what the others left, so two at once could both keep one.
   */
  private removals: Promise<unknown> = Promise.resolve();

  constructor(readonly client: MemberClient) {}

  /** Applies the template's dependencies, then the workload with `replicas`. */
  async apply(template: WorkloadTemplate, bindingKey: string, replicas: number): Promise<void> {
    const namespace = template.workload.metadata.namespace ?? 'default';
    await this.ensureNamespace(namespace);
    for (const manifest of memberManifests(template, bindingKey, replicas)) {
      const path = resourcePath(manifest.kind, namespace, manifest.metadata.name);
      const existing = await this.find(path);
      if (existing && !isLifeboats(existing))
        throw new ForeignObjectError(
          `member "${this.client.name}" has a ${describeManifest(manifest)} that Lifeboat did not create; leaving it alone`,
        );
      // A workload of another binding with the same name is not ours to take over either.
      if (
        existing &&
        manifest.kind !== 'ConfigMap' &&
        manifest.kind !== 'Secret' &&
        !belongsTo(existing, bindingKey)
      )
        throw new ForeignObjectError(
          `member "${this.client.name}" runs ${describeManifest(manifest)} for binding ${existing.metadata.annotations?.[BINDING_ANNOTATION] ?? '?'}; leaving it alone`,
        );
      await this.client.json({
        method: 'PATCH',
        path: `${path}?fieldManager=${FIELD_MANAGER}&force=true`,
        body: manifest,
        contentType: 'application/apply-patch+yaml',
      });
    }
  }

  /** The workload as the member has it now, if it is the binding's. */
  async workload(
    template: WorkloadTemplate,
    bindingKey: string,
  ): Promise<WorkloadObjectStatus | undefined> {
    const { kind, metadata } = template.workload;
    const existing = await this.find(
      resourcePath(kind, metadata.namespace ?? 'default', metadata.name),
    );
    return existing && belongsTo(existing, bindingKey)
      ? (existing as WorkloadObjectStatus)
      : undefined;
  }

  /**
   * Deletes the binding's workloads on the member, found by label and annotation (so this works
   * after a restart, without the template), then the ConfigMaps and Secrets that were applied for
   * it and that no other Lifeboat workload there still references. Returns how many objects went.
   */
  remove(bindingKey: string): Promise<number> {
    const next = this.removals.then(() => this.removeNow(bindingKey));
    this.removals = next.catch(() => undefined);
    return next;
  }

  private async removeNow(bindingKey: string): Promise<number> {
    let removed = 0;
    const workloads = await this.lifeboatWorkloads();
    const leaving = workloads.filter((w) => belongsTo(w, bindingKey));
    for (const workload of leaving) if (await this.delete(workload)) removed++;
    const staying = workloads.filter((w) => !belongsTo(w, bindingKey));
    for (const kind of ['ConfigMap', 'Secret'] as const) {
      const objects = await listAll<Manifest>(
        this.client,
        `${resourcePath(kind, undefined)}?${SELECTOR}`,
      );
      for (const object of objects) {
        // Shared by several workloads, a dependency carries whichever binding applied it last.
        const ours = belongsTo(object, bindingKey) || references(leaving, kind, object);
        if (ours && !references(staying, kind, object) && (await this.delete(object))) removed++;
      }
    }
    return removed;
  }

  private async lifeboatWorkloads(): Promise<Manifest[]> {
    const lists = await Promise.all(
      WORKLOAD_KINDS.map((kind) =>
        listAll<Manifest>(this.client, `${resourcePath(kind, undefined)}?${SELECTOR}`),
      ),
    );
    return lists.flat();
  }

  /** Deletes one object, only the very one that was read (uid precondition). */
  private async delete(object: Manifest): Promise<boolean> {
    const path = resourcePath(
      object.kind,
      object.metadata.namespace ?? 'default',
      object.metadata.name,
    );
    const response = await this.client.request({
      method: 'DELETE',
      path,
      body: {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        propagationPolicy: 'Background',
        ...(typeof object.metadata['uid'] === 'string'
          ? { preconditions: { uid: object.metadata['uid'] } }
          : {}),
      },
    });
    if (response.status === 404 || response.status === 409) return false;
    if (response.status < 200 || response.status > 299)
      throw this.client.apiError({ method: 'DELETE', path }, response);
    return true;
  }

  private async find(path: string): Promise<Manifest | undefined> {
    const response = await this.client.request({ path });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.client.apiError({ path }, response);
    return JSON.parse(response.body) as Manifest;
  }

  /** Namespaces are created when missing (marked as Lifeboat's) and never deleted. */
  private async ensureNamespace(namespace: string): Promise<void> {
    if (this.namespaces.has(namespace)) return;
    const path = resourcePath('Namespace', undefined, namespace);
    if (!(await this.find(path))) {
      try {
        await this.client.json({
          method: 'POST',
          path: resourcePath('Namespace', undefined),
          body: {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY } },
          },
        });
      } catch (error) {
        // Someone else created it in between: just as good.
        if (!(error instanceof MemberApiError && error.status === 409)) throw error;
      }
    }
    this.namespaces.add(namespace);
  }
}

/** Whether one of `workloads` references the ConfigMap or Secret `object` (same namespace). */
function references(
  workloads: readonly Manifest[],
  kind: 'ConfigMap' | 'Secret',
  object: Manifest,
): boolean {
  const namespace = object.metadata.namespace ?? 'default';
  return workloads.some((w) => {
    if ((w.metadata.namespace ?? 'default') !== namespace) return false;
    const spec = w['spec'] as { template?: { spec?: unknown } } | undefined;
    const refs = podReferences(spec?.template?.spec);
    return (kind === 'ConfigMap' ? refs.configMaps : refs.secrets).has(object.metadata.name);
  });
}
