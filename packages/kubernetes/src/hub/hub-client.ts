import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { HubObject, HubResource } from './custom-resource-codec';

/** A failed call to the hub, with the HTTP code and the Status reason the server gave. */
export class HubRequestError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A list and the version it was read at. */
export interface HubList {
  readonly items: HubObject[];
  readonly resourceVersion: string;
}

/**
 * The few calls the store makes, on client-node's generic custom-object client (which serves
 * any group, so Leases go through it too), with errors turned into {@link HubRequestError}.
 */
export class HubClient {
  private readonly objects: CustomObjectsApi;
  private readonly core: CoreV1Api;

  constructor(readonly kubeConfig: KubeConfig) {
    this.objects = kubeConfig.makeApiClient(CustomObjectsApi);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  get(resource: HubResource, namespace: string | undefined, name: string): Promise<HubObject> {
    const { group, version, plural } = resource;
    return call(() =>
      resource.namespaced
        ? this.objects.getNamespacedCustomObject({
            group,
            version,
            plural,
            namespace: namespace ?? '',
            name,
          })
        : this.objects.getClusterCustomObject({ group, version, plural, name }),
    );
  }

  /** Every object of the resource, in `namespace` or (when undefined) in every namespace. */
  async list(resource: HubResource, namespace?: string): Promise<HubList> {
    const { group, version, plural } = resource;
    const list = await call<{ items?: HubObject[]; metadata?: { resourceVersion?: string } }>(() =>
      namespace !== undefined
        ? this.objects.listNamespacedCustomObject({ group, version, plural, namespace })
        : this.objects.listClusterCustomObject({ group, version, plural }),
    );
    return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '0' };
  }

  create(resource: HubResource, body: HubObject): Promise<HubObject> {
    const { group, version, plural } = resource;
    const namespace = body.metadata.namespace ?? '';
    return call(() =>
      resource.namespaced
        ? this.objects.createNamespacedCustomObject({ group, version, plural, namespace, body })
        : this.objects.createClusterCustomObject({ group, version, plural, body }),
    );
  }

  replace(resource: HubResource, body: HubObject): Promise<HubObject> {
    const { group, version, plural } = resource;
    const { name, namespace = '' } = body.metadata;
    return call(() =>
      resource.namespaced
        ? this.objects.replaceNamespacedCustomObject({
            group,
            version,
            plural,
            namespace,
            name,
            body,
          })
        : this.objects.replaceClusterCustomObject({ group, version, plural, name, body }),
    );
  }

  async delete(
    resource: HubResource,
    namespace: string | undefined,
    name: string,
    resourceVersion?: string,
  ): Promise<void> {
    const { group, version, plural } = resource;
    const body = resourceVersion ? { preconditions: { resourceVersion } } : {};
    await call(() =>
      resource.namespaced
        ? this.objects.deleteNamespacedCustomObject({
            group,
            version,
            plural,
            namespace: namespace ?? '',
            name,
            body,
          })
        : this.objects.deleteClusterCustomObject({ group, version, plural, name, body }),
    );
  }

  /** Creates a namespace; one that exists already is fine. */
  async ensureNamespace(name: string): Promise<void> {
    try {
      await call(() => this.core.createNamespace({ body: { metadata: { name } } }));
    } catch (error) {
      if (!(error instanceof HubRequestError && error.code === 409)) throw error;
    }
  }
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ApiException) {
      const status = parseStatus(error.body);
      throw new HubRequestError(
        error.code,
        status.reason ?? '',
        status.message ?? `the hub answered ${error.code}`,
        { cause: error },
      );
    }
    throw new HubRequestError(
      0,
      'Unreachable',
      `the hub is unreachable: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

function parseStatus(body: unknown): { reason?: string; message?: string } {
  if (typeof body !== 'string') return (body ?? {}) as { reason?: string; message?: string };
  try {
    return JSON.parse(body) as { reason?: string; message?: string };
  } catch {
    return { message: body.slice(0, 200) };
  }
}
