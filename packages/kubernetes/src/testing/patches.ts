import { isDeepStrictEqual } from 'node:util';
import { badRequest } from './api-error';

type Json = unknown;
const isMap = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch (`application/merge-patch+json`): null deletes, maps merge, the rest replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return patch;
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) for the fields the double
 * knows: a merge patch whose keyed lists (containers by name, ...) merge item by item, with
 * `$patch: delete` removing an item; other directives (`$setElementOrder`, `$retainKeys`) are
 * dropped.
 */
export function strategicMergePatch(
  target: Json,
  patch: Json,
  listKeys: Readonly<Record<string, readonly string[]>>,
  field = '',
): Json {
  const keys = listKeys[field];
  if (Array.isArray(patch) && keys && Array.isArray(target)) {
    const out = [...target];
    for (const item of patch) {
      if (!isMap(item)) continue;
      const index = out.findIndex((t) => isMap(t) && keys.every((k) => t[k] === item[k]));
      const { $patch: directive, ...rest } = item;
      if (directive === 'delete') {
        if (index >= 0) out.splice(index, 1);
      } else if (index >= 0) out[index] = strategicMergePatch(out[index], rest, listKeys);
      else out.push(rest);
    }
    return out;
  }
  if (!isMap(patch)) return patch;
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete out[key];
    else out[key] = strategicMergePatch(out[key], value, listKeys, key);
  }
  return out;
}

interface Operation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

/** RFC 6902 JSON patch (`application/json-patch+json`), client-node's default patch type. */
export function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) throw badRequest('a JSON patch must be an array of operations');
  let doc = structuredClone(target);
  for (const raw of operations as Operation[]) {
    const path = pointer(raw.path);
    switch (raw.op) {
      case 'add':
        doc = write(doc, path, raw.value, 'add');
        break;
      case 'replace':
        read(doc, path);
        doc = write(doc, path, raw.value, 'replace');
        break;
      case 'remove':
        doc = write(doc, path, undefined, 'remove');
        break;
      case 'test':
        if (!isDeepStrictEqual(read(doc, path), raw.value))
          throw new PatchTestFailed(`the test at ${raw.path} failed`);
        break;
      case 'copy':
      case 'move': {
        const from = pointer(raw.from ?? '');
        const value = structuredClone(read(doc, from));
        if (raw.op === 'move') doc = write(doc, from, undefined, 'remove');
        doc = write(doc, path, value, 'add');
        break;
      }
      default:
        throw badRequest(`unknown JSON patch operation "${raw.op}"`);
    }
  }
  return doc;
}

/** A failed `test` operation: kube-apiserver answers 422 Invalid. */
export class PatchTestFailed extends Error {}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function read(doc: Json, path: string[]): Json {
  let node = doc;
  for (const part of path) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isMap(node) && part in node) node = node[part];
    else throw badRequest(`the path /${path.join('/')} does not exist`);
  }
  return node;
}

function write(doc: Json, path: string[], value: Json, op: 'add' | 'replace' | 'remove'): Json {
  if (path.length === 0) return value;
  const parent = read(doc, path.slice(0, -1));
  const last = path[path.length - 1] as string;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op === 'add') parent.splice(index, 0, value);
    else if (op === 'replace') parent[index] = value;
    else parent.splice(index, 1);
  } else if (isMap(parent)) {
    if (op === 'remove') {
      if (!(last in parent)) throw badRequest(`the path /${path.join('/')} does not exist`);
      delete parent[last];
    } else parent[last] = value;
  } else throw badRequest(`the path /${path.join('/')} does not exist`);
  return doc;
}
