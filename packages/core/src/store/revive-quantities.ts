import type { Kind } from '../contracts/state-store';
import { Quantity } from '../model/quantity';
import type { ResourceList } from '../model/resources';

/**
 * Where each stored kind keeps `ResourceList`s. `Quantity` serializes to its text through
 * `toJSON`, so these are the only places a store that keeps objects as JSON must revive on read;
 * a kind that gains a `ResourceList` must be listed here (core's test round-trips every path).
 * @public
 */
export const RESOURCE_LIST_PATHS: { readonly [K in Kind]: readonly (readonly string[])[] } = {
  Cluster: [
    ['status', 'capacity'],
    ['status', 'allocatable'],
    ['status', 'allocated'],
  ],
  Binding: [['spec', 'replicaRequirements', 'resourceRequest']],
  Lease: [],
};

type Json = Record<string, unknown>;

/**
 * Turns the quantities of a `kind` object just parsed from JSON back into `Quantity` values, in
 * place (call it before freezing): every `ResourceList` at {@link RESOURCE_LIST_PATHS} that is
 * present. Throws when a value is not a quantity, naming its path
 * (`status.capacity.cpu is not a quantity`, or `Quantity.parse`'s `ValidationError` at that path),
 * so a store can report the object as corrupt.
 * @public
 */
export function reviveQuantities(kind: Kind, object: Json): void {
  for (const path of RESOURCE_LIST_PATHS[kind]) reviveAt(object, path);
}

function reviveAt(root: Json, path: readonly string[]): void {
  let parent: Json = root;
  for (const segment of path.slice(0, -1)) {
    const next: unknown = parent[segment];
    if (next === null || typeof next !== 'object') return;
    parent = next as Json;
  }
  const leaf = path[path.length - 1] as string;
  const list = parent[leaf];
  if (list === null || typeof list !== 'object') return;
  const prefix = path.join('.');
  const revived: Record<string, Quantity> = {};
  for (const [name, raw] of Object.entries(list as Json)) {
    if (typeof raw !== 'string' && typeof raw !== 'number')
      throw new TypeError(`${prefix}.${name} is not a quantity`);
    revived[name] = Quantity.parse(raw, `${prefix}.${name}`);
  }
  parent[leaf] = revived satisfies ResourceList;
}
