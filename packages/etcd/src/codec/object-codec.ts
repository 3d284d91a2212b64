import { Quantity, type Kind, type ResourceList, type StoredKinds } from '@lifeboat/core';
import { CorruptObjectError, excerpt } from '../errors/corrupt-object-error';
import { deepFreeze } from './deep-freeze';
import { OBJECT_SCHEMAS } from './object-schemas';

type Json = Record<string, unknown>;

/**
 * Where each kind keeps `ResourceList`s. `Quantity` serializes to its text through `toJSON`, so
 * these are the only places that need reviving on read; a kind that gains a `ResourceList`
 * must be listed here (the codec test round-trips every path).
 */
const RESOURCE_LIST_PATHS: { readonly [K in Kind]: readonly (readonly string[])[] } = {
  Cluster: [
    ['status', 'capacity'],
    ['status', 'allocatable'],
    ['status', 'allocated'],
  ],
  Binding: [['spec', 'replicaRequirements', 'resourceRequest']],
  Lease: [],
};

/**
 * The bytes stored for an object: JSON without `metadata.resourceVersion`, which etcd tracks
 * itself (the key's mod revision) and which would otherwise go stale inside the value.
 * @public
 */
export function encodeObject<K extends Kind>(object: StoredKinds[K]): string {
  const { resourceVersion: _dropped, ...metadata } = object.metadata;
  return JSON.stringify({ ...object, metadata });
}

/**
 * The object stored as `value`, checked against its kind's schema, with `Quantity` instances
 * revived, `metadata.resourceVersion` set to `resourceVersion`, and the whole graph frozen.
 * Throws {@link CorruptObjectError} (naming `storageKey`) when the value is not JSON, not of
 * the kind's shape, or holds a quantity that does not parse.
 * @public
 */
export function decodeObject<K extends Kind>(
  kind: K,
  value: string,
  resourceVersion: string,
  storageKey?: string,
): StoredKinds[K] {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    throw new CorruptObjectError(
      kind,
      storageKey,
      `not JSON (${excerpt(error instanceof Error ? error.message : String(error))})`,
    );
  }
  const checked = OBJECT_SCHEMAS[kind].safeParse(json);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    const path = issue?.path.join('.') ?? '';
    throw new CorruptObjectError(
      kind,
      storageKey,
      excerpt(`${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid'}`),
    );
  }
  const parsed = checked.data as Json;
  try {
    for (const path of RESOURCE_LIST_PATHS[kind]) reviveAt(parsed, path);
  } catch (error) {
    throw new CorruptObjectError(
      kind,
      storageKey,
      excerpt(error instanceof Error ? error.message : String(error)),
    );
  }
  const metadata = { ...(parsed['metadata'] as Json), resourceVersion };
  return deepFreeze({ ...parsed, metadata }) as unknown as StoredKinds[K];
}

function reviveAt(root: Json, path: readonly string[]): void {
  let parent: Json | undefined = root;
  for (const segment of path.slice(0, -1)) {
    const next: unknown = parent[segment];
    if (next === null || typeof next !== 'object') return;
    parent = next as Json;
  }
  const leaf = path[path.length - 1] as string;
  const list = parent[leaf];
  if (list === null || typeof list !== 'object') return;
  parent[leaf] = reviveResourceList(list as Record<string, unknown>, path.join('.'));
}

function reviveResourceList(list: Record<string, unknown>, path: string): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [name, raw] of Object.entries(list)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      throw new TypeError(`${path}.${name} is not a quantity`);
    }
    out[name] = Quantity.parse(raw, `${path}.${name}`);
  }
  return out;
}
