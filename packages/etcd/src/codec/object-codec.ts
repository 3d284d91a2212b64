import { deepFreeze, reviveQuantities, type Kind, type StoredKinds } from '@lifeboat/core';
import { CorruptObjectError, excerpt } from '../errors/corrupt-object-error';
import { OBJECT_SCHEMAS } from './object-schemas';

type Json = Record<string, unknown>;

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
    reviveQuantities(kind, parsed);
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
