import {
  deepFreeze,
  reviveQuantities,
  type Kind,
  type ObjectMeta,
  type StoredKinds,
} from '@lifeboat/core';
import { LIFEBOAT_API_GROUP, LIFEBOAT_API_VERSION } from './api-group';

/** Where a kind lives on the hub's API. */
export interface HubResource {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/**
 * Clusters and Bindings are Lifeboat's custom resources; Leases are the hub's own
 * `coordination.k8s.io/v1` Leases, so `kubectl get leases` shows heartbeats and leaders.
 */
export const HUB_RESOURCES: { readonly [K in Kind]: HubResource } = {
  Cluster: {
    group: LIFEBOAT_API_GROUP,
    version: LIFEBOAT_API_VERSION,
    plural: 'clusters',
    kind: 'Cluster',
    namespaced: false,
  },
  Binding: {
    group: LIFEBOAT_API_GROUP,
    version: LIFEBOAT_API_VERSION,
    plural: 'bindings',
    kind: 'Binding',
    namespaced: true,
  },
  Lease: {
    group: 'coordination.k8s.io',
    version: 'v1',
    plural: 'leases',
    kind: 'Lease',
    namespaced: true,
  },
};

/**
 * Annotations carrying the metadata Lifeboat's model owns and Kubernetes would overwrite: the
 * model's uid (callers may choose it), its generation (bumped on spec changes only, while a
 * custom resource without a status subresource bumps on status too) and creation time (ms).
 */
export const UID_ANNOTATION = `${LIFEBOAT_API_GROUP}/uid`;
export const GENERATION_ANNOTATION = `${LIFEBOAT_API_GROUP}/generation`;
export const CREATED_ANNOTATION = `${LIFEBOAT_API_GROUP}/creation-timestamp`;
const OWN_ANNOTATIONS = [UID_ANNOTATION, GENERATION_ANNOTATION, CREATED_ANNOTATION];

type Json = Record<string, unknown>;

/** A hub object as JSON: the shape the API server stores. */
export interface HubObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Json;
  status?: Json;
}

/** The hub object for a model object, with the model's own metadata in annotations. */
export function toHubObject<K extends Kind>(
  kind: K,
  object: StoredKinds[K],
  own: Required<Pick<ObjectMeta, 'uid' | 'generation'>> & Pick<ObjectMeta, 'creationTimestamp'>,
): HubObject {
  const resource = HUB_RESOURCES[kind];
  const { metadata } = object;
  const annotations: Record<string, string> = { ...(metadata.annotations ?? {}) };
  for (const key of OWN_ANNOTATIONS) delete annotations[key];
  annotations[UID_ANNOTATION] = own.uid;
  annotations[GENERATION_ANNOTATION] = String(own.generation);
  if (own.creationTimestamp !== undefined)
    annotations[CREATED_ANNOTATION] = String(own.creationTimestamp);
  const hub: HubObject = {
    apiVersion: `${resource.group}/${resource.version}`,
    kind: resource.kind,
    metadata: {
      name: metadata.name,
      ...(resource.namespaced ? { namespace: metadata.namespace } : {}),
      ...(metadata.labels ? { labels: { ...metadata.labels } } : {}),
      annotations,
      ...(metadata.resourceVersion ? { resourceVersion: metadata.resourceVersion } : {}),
    },
  };
  const body = JSON.parse(JSON.stringify(object)) as Json;
  if (kind === 'Lease') hub.spec = leaseSpecToHub(body.spec as Json);
  else hub.spec = body.spec as Json;
  if (body.status !== undefined) hub.status = body.status as Json;
  return hub;
}

/** The model object a hub object holds, deeply frozen, with `Quantity` values revived. */
export function fromHubObject<K extends Kind>(kind: K, hub: HubObject): StoredKinds[K] {
  const annotations = { ...(hub.metadata.annotations ?? {}) };
  const uid = annotations[UID_ANNOTATION] ?? hub.metadata.uid;
  const generation = Number(annotations[GENERATION_ANNOTATION] ?? '1');
  const created = annotations[CREATED_ANNOTATION];
  for (const key of OWN_ANNOTATIONS) delete annotations[key];
  const metadata: ObjectMeta = {
    name: hub.metadata.name,
    ...(HUB_RESOURCES[kind].namespaced ? { namespace: hub.metadata.namespace } : {}),
    ...(uid ? { uid } : {}),
    ...(hub.metadata.labels ? { labels: hub.metadata.labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    resourceVersion: hub.metadata.resourceVersion,
    generation,
    ...(created !== undefined ? { creationTimestamp: Number(created) } : {}),
  };
  const body: Json = {
    kind,
    metadata,
    spec:
      kind === 'Lease'
        ? leaseSpecFromHub(hub.spec ?? {})
        : JSON.parse(JSON.stringify(hub.spec ?? {})),
  };
  if (hub.status !== undefined) body.status = JSON.parse(JSON.stringify(hub.status));
  reviveQuantities(kind, body);
  return deepFreeze(body) as unknown as StoredKinds[K];
}

/** The model's lease times are ms since the epoch; the hub's are RFC 3339 MicroTime. */
function leaseSpecToHub(spec: Json): Json {
  const out: Json = { ...spec };
  for (const field of ['acquireTime', 'renewTime']) {
    if (typeof spec[field] === 'number') out[field] = microTime(spec[field] as number);
  }
  return out;
}

function leaseSpecFromHub(spec: Json): Json {
  const out: Json = { ...spec };
  for (const field of ['acquireTime', 'renewTime']) {
    if (typeof spec[field] === 'string') out[field] = Date.parse(spec[field] as string);
  }
  return out;
}

/** `2026-01-01T00:00:00.123000Z`: metav1.MicroTime's wire form. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
