import { isDeepStrictEqual } from 'node:util';
import { FieldSet } from './field-set';
import { clone, sameJson, type KubeObject } from './object-store';

/** How lists of one resource type merge: keyed (by these fields), a set, or atomic. */
export interface ListSchema {
  readonly listKeys: Readonly<Record<string, readonly string[]>>;
}

/** Which part of an object a write addresses: the main resource, or its `/status` subresource. */
export type WriteScope = 'main' | 'status';

/** One entry of `metadata.managedFields`. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** The fields of one manager that an apply would change against its will. */
export interface ApplyConflict {
  readonly manager: string;
  readonly paths: readonly string[];
}

/** Thrown by {@link serverSideApply} without `force` when another manager owns a field it would change. */
export class ApplyConflictError extends Error {
  constructor(readonly conflicts: readonly ApplyConflict[]) {
    const count = conflicts.reduce((n, c) => n + c.paths.length, 0);
    const lines = conflicts.map((c) => `conflict with "${c.manager}": ${c.paths.join(', ')}`);
    super(`Apply failed with ${count} conflict${count === 1 ? '' : 's'}: ${lines.join('; ')}`);
  }
}

const TRACKED_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'];
const SET_LISTS = new Set(['finalizers']);

type Json = unknown;
const isMap = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields of `object` a write in `scope` can own. */
export function trackedFields(object: KubeObject, schema: ListSchema, scope: WriteScope): FieldSet {
  const value: Record<string, Json> = {};
  if (scope === 'status') {
    if (object.status !== undefined) value.status = object.status;
  } else {
    for (const [key, v] of Object.entries(object)) {
      if (key !== 'apiVersion' && key !== 'kind' && key !== 'metadata' && key !== 'status')
        value[key] = v;
    }
    const metadata: Record<string, Json> = {};
    for (const key of TRACKED_METADATA) {
      if (object.metadata[key] !== undefined) metadata[key] = object.metadata[key];
    }
    if (Object.keys(metadata).length > 0) value.metadata = metadata;
  }
  return fieldSetOf(value, schema, '');
}

function fieldSetOf(value: Json, schema: ListSchema, field: string): FieldSet {
  const set = new FieldSet();
  const keys = schema.listKeys[field];
  if (isMap(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value))
      set.children.set(`f:${k}`, fieldSetOf(v, schema, k));
  } else if (Array.isArray(value) && keys && value.every(isMap)) {
    for (const item of value) {
      const node = fieldSetOf(item, schema, '');
      node.member = true;
      set.children.set(itemKey(item, keys), node);
    }
  } else if (Array.isArray(value) && SET_LISTS.has(field)) {
    for (const item of value) {
      const node = new FieldSet();
      node.member = true;
      set.children.set(`v:${JSON.stringify(item)}`, node);
    }
  } else {
    set.member = true;
  }
  return set;
}

function itemKey(item: Record<string, Json>, keys: readonly string[]): string {
  const fields: Record<string, Json> = {};
  for (const key of [...keys].sort()) if (item[key] !== undefined) fields[key] = item[key];
  return `k:${JSON.stringify(fields)}`;
}

function child(container: Json, key: string): { present: boolean; value: Json } {
  const body = key.slice(2);
  if (key.startsWith('f:')) {
    return isMap(container) && body in container
      ? { present: true, value: container[body] }
      : { present: false, value: undefined };
  }
  if (!Array.isArray(container)) return { present: false, value: undefined };
  const wanted = JSON.parse(body) as Json;
  const found = key.startsWith('k:')
    ? container.find(
        (item) =>
          isMap(item) &&
          Object.entries(wanted as Record<string, Json>).every(([k, v]) =>
            isDeepStrictEqual(item[k], v),
          ),
      )
    : container.find((item) => isDeepStrictEqual(item, wanted));
  return found === undefined
    ? { present: false, value: undefined }
    : { present: true, value: found };
}

/** The members of `set` whose values differ between `a` and `b`. */
function differing(set: FieldSet, a: Json, b: Json): FieldSet {
  const out = new FieldSet();
  for (const [key, node] of set.children) {
    const ca = child(a, key);
    const cb = child(b, key);
    const sub = differing(node, ca.value, cb.value);
    if (node.member) {
      const leaf = node.children.size === 0;
      if (
        leaf
          ? ca.present !== cb.present || !isDeepStrictEqual(ca.value, cb.value)
          : ca.present !== cb.present
      )
        sub.member = true;
    }
    if (!sub.isEmpty()) out.children.set(key, sub);
  }
  return out;
}

/** Removes the members of `set` from `value` in place. */
function removeFields(value: Json, set: FieldSet): void {
  for (const [key, node] of set.children) {
    const found = child(value, key);
    if (!found.present) continue;
    if (node.member) {
      if (key.startsWith('f:') && isMap(value)) delete value[key.slice(2)];
      else if (Array.isArray(value)) value.splice(value.indexOf(found.value), 1);
    } else removeFields(found.value, node);
  }
}

/** Merges an applied configuration into the live value: maps by key, keyed lists by item, the rest replaced. */
function merge(live: Json, applied: Json, schema: ListSchema, field: string): Json {
  if (isMap(live) && isMap(applied)) {
    const out: Record<string, Json> = { ...live };
    for (const [k, v] of Object.entries(applied)) out[k] = merge(live[k], v, schema, k);
    return out;
  }
  const keys = schema.listKeys[field];
  if (Array.isArray(live) && Array.isArray(applied) && keys && [...live, ...applied].every(isMap)) {
    const out = live.map((item) => {
      const match = child(applied, itemKey(item, keys));
      return match.present ? merge(item, match.value, schema, '') : item;
    });
    for (const item of applied) {
      if (!child(live, itemKey(item, keys)).present) out.push(item);
    }
    return out;
  }
  if (Array.isArray(live) && Array.isArray(applied) && SET_LISTS.has(field)) {
    return [...live, ...applied.filter((v) => !live.some((l) => isDeepStrictEqual(l, v)))];
  }
  return applied;
}

function readEntries(object: KubeObject | undefined): ManagedFieldsEntry[] {
  return clone((object?.metadata.managedFields ?? []) as ManagedFieldsEntry[]);
}

function sameOwner(
  e: ManagedFieldsEntry,
  manager: string,
  operation: string,
  subresource?: string,
): boolean {
  return e.manager === manager && e.operation === operation && e.subresource === subresource;
}

/** What a write needs to know about who writes and when. */
export interface WriteContext {
  readonly manager: string;
  readonly apiVersion: string;
  readonly time: string;
  readonly scope: WriteScope;
  readonly schema: ListSchema;
}

/**
 * Server-side apply of `applied` (already stripped of system metadata and, for the main
 * resource, of status) onto `live`: conflicts with other managers' fields of a different value
 * fail unless `force` (which takes them over); fields this manager applied before and no longer
 * applies are removed unless another manager owns them too; the manager's Apply entry becomes
 * exactly the applied fields.
 */
export function serverSideApply(
  live: KubeObject | undefined,
  applied: KubeObject,
  force: boolean,
  context: WriteContext,
): KubeObject {
  const { manager, scope, schema } = context;
  const subresource = scope === 'status' ? 'status' : undefined;
  const appliedSet = trackedFields(applied, schema, scope);
  const entries = readEntries(live);
  const isMine = (e: ManagedFieldsEntry) => sameOwner(e, manager, 'Apply', subresource);
  const conflicts: ApplyConflict[] = [];
  const owned = entries.map((e) => ({ entry: e, set: FieldSet.fromFieldsV1(e.fieldsV1) }));
  for (const o of owned) {
    if (isMine(o.entry)) continue;
    const clash = differing(appliedSet.intersection(o.set), live, applied);
    if (clash.isEmpty()) continue;
    if (force) o.set = o.set.difference(clash);
    else conflicts.push({ manager: o.entry.manager, paths: clash.paths() });
  }
  if (conflicts.length > 0) throw new ApplyConflictError(conflicts);

  const previous = owned.find((o) => isMine(o.entry))?.set ?? new FieldSet();
  const others = owned
    .filter((o) => !isMine(o.entry))
    .reduce((acc, o) => acc.union(o.set), new FieldSet());
  const base: KubeObject = live ? clone(live) : { metadata: clone(applied.metadata) };
  removeFields(base, previous.difference(appliedSet).difference(others));
  const merged = merge(base, applied, schema, '') as KubeObject;
  merged.metadata = { ...base.metadata, ...pickTracked(merged.metadata) };
  for (const key of TRACKED_METADATA) {
    if (merged.metadata[key] === undefined) delete merged.metadata[key];
  }

  const kept = owned.filter((o) => !isMine(o.entry));
  const result = [...kept.map((o) => ({ ...o.entry, fieldsV1: o.set.toFieldsV1() }))];
  const mineBefore = entries.find(isMine);
  const unchanged = mineBefore && isDeepStrictEqual(mineBefore.fieldsV1, appliedSet.toFieldsV1());
  const mine: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion: context.apiVersion,
    time:
      unchanged && sameJson(stripManaged(live), stripManaged(merged))
        ? mineBefore.time
        : context.time,
    fieldsType: 'FieldsV1',
    fieldsV1: appliedSet.toFieldsV1(),
    ...(subresource ? { subresource } : {}),
  };
  const index = entries.findIndex(isMine);
  if (index >= 0) result.splice(Math.min(index, result.length), 0, mine);
  else result.push(mine);
  merged.metadata.managedFields = pruneEntries(result, merged, schema);
  return merged;
}

/**
 * Records a non-apply write (create, update, patch) in `updated.metadata.managedFields`: the
 * fields it changed move to `manager`'s Update entry, and fields that no longer exist leave
 * every entry.
 */
export function recordUpdate(
  live: KubeObject | undefined,
  updated: KubeObject,
  context: WriteContext,
): KubeObject {
  const { manager, scope, schema } = context;
  const subresource = scope === 'status' ? 'status' : undefined;
  const changed = differing(trackedFields(updated, schema, scope), live, updated);
  const entries = readEntries(live);
  if (changed.isEmpty()) {
    updated.metadata.managedFields = entries;
    if (entries.length === 0) delete updated.metadata.managedFields;
    return updated;
  }
  const result = entries.map((e) => ({
    ...e,
    fieldsV1: FieldSet.fromFieldsV1(e.fieldsV1).difference(changed).toFieldsV1(),
  }));
  const index = result.findIndex((e) => sameOwner(e, manager, 'Update', subresource));
  const before = index >= 0 ? FieldSet.fromFieldsV1(entries[index]?.fieldsV1) : new FieldSet();
  const mine: ManagedFieldsEntry = {
    manager,
    operation: 'Update',
    apiVersion: context.apiVersion,
    time: context.time,
    fieldsType: 'FieldsV1',
    fieldsV1: before.union(changed).toFieldsV1(),
    ...(subresource ? { subresource } : {}),
  };
  if (index >= 0) result[index] = mine;
  else result.push(mine);
  updated.metadata.managedFields = pruneEntries(result, updated, schema);
  return updated;
}

function pruneEntries(
  entries: ManagedFieldsEntry[],
  object: KubeObject,
  schema: ListSchema,
): ManagedFieldsEntry[] {
  const present = trackedFields(object, schema, 'main').union(
    trackedFields(object, schema, 'status'),
  );
  return entries
    .map((e) => ({
      ...e,
      fieldsV1: FieldSet.fromFieldsV1(e.fieldsV1).intersection(present).toFieldsV1(),
    }))
    .filter((e) => Object.keys(e.fieldsV1).length > 0);
}

function pickTracked(metadata: KubeObject['metadata']): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const key of TRACKED_METADATA) if (metadata[key] !== undefined) out[key] = metadata[key];
  return out;
}

function stripManaged(object: KubeObject | undefined): Json {
  if (!object) return undefined;
  const copy = clone(object);
  delete copy.metadata.managedFields;
  return copy;
}
