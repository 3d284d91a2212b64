import type {
  Kind,
  ListResult,
  StateStore,
  StoredKinds,
  Unsubscribe,
  WatchEvent,
  WatchOptions,
} from '../contracts/state-store';
import { AlreadyExistsError } from '../errors/already-exists-error';
import { ConflictError } from '../errors/conflict-error';
import { ExpiredError } from '../errors/expired-error';
import { NotFoundError } from '../errors/not-found-error';
import { objectKey, type ObjectMeta } from '../model/meta';
import { deepFreeze } from './deep-freeze';

type StoredObject = { readonly metadata: ObjectMeta; readonly spec?: unknown };

interface Logged {
  readonly revision: number;
  readonly event: WatchEvent<StoredObject>;
}

/** Options of the {@link InMemoryStateStore}. @public */
export interface InMemoryStateStoreOptions {
  /** How many changes per kind a watch can at least resume over (default 10,000; up to a quarter more are kept). */
  readonly historyLimit?: number;
}

/**
 * The embedded StateStore: a map per kind, one revision counter for all, and watches fed from a
 * bounded change log. Stored objects are deep-frozen snapshots, so readers can share them safely.
 * `generation` starts at 1 and goes up by one with every update that changes `spec`. Watch
 * handlers are called asynchronously (after the write resolves), in commit order.
 * @public
 */
export class InMemoryStateStore implements StateStore {
  private revision = 0;
  private readonly objects = new Map<Kind, Map<string, StoredObject>>();
  private readonly history = new Map<Kind, Logged[]>();
  /** Per kind, the newest revision dropped from the log: watches must resume after it. */
  private readonly compacted = new Map<Kind, number>();
  private readonly watchers = new Map<Kind, Set<(event: WatchEvent<StoredObject>) => void>>();
  private readonly historyLimit: number;
  private readonly json = new WeakMap<object, string>();

  constructor(options: InMemoryStateStoreOptions = {}) {
    this.historyLimit = options.historyLimit ?? 10_000;
  }

  async get<K extends Kind>(kind: K, key: string): Promise<StoredKinds[K] | undefined> {
    return this.table(kind).get(key) as StoredKinds[K] | undefined;
  }

  async list<K extends Kind>(kind: K): Promise<ListResult<StoredKinds[K]>> {
    const items = [...this.table(kind).values()].sort((a, b) =>
      compareKeys(objectKey(a.metadata), objectKey(b.metadata)),
    );
    return { items: items as StoredKinds[K][], resourceVersion: String(this.revision) };
  }

  async create<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]> {
    const key = objectKey(object.metadata);
    const table = this.table(kind);
    if (table.has(key)) throw new AlreadyExistsError(kind, key);
    const revision = ++this.revision;
    const stored = deepFreeze({
      ...object,
      metadata: {
        ...object.metadata,
        uid: object.metadata.uid ?? `${kind.toLowerCase()}-${revision}`,
        generation: 1,
        resourceVersion: String(revision),
      },
    }) as StoredObject;
    table.set(key, stored);
    this.emit(kind, revision, { type: 'ADDED', object: stored });
    return stored as StoredKinds[K];
  }

  async update<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]> {
    const key = objectKey(object.metadata);
    const table = this.table(kind);
    const current = table.get(key);
    if (!current) throw new NotFoundError(kind, key);
    this.checkVersion(kind, key, current, object.metadata.resourceVersion);
    const revision = ++this.revision;
    const specChanged = this.specDiffers((object as StoredObject).spec, current.spec);
    const stored = deepFreeze({
      ...object,
      metadata: {
        ...object.metadata,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        generation: (current.metadata.generation ?? 1) + (specChanged ? 1 : 0),
        resourceVersion: String(revision),
      },
    }) as StoredObject;
    table.set(key, stored);
    this.emit(kind, revision, { type: 'MODIFIED', object: stored, previous: current });
    return stored as StoredKinds[K];
  }

  async delete<K extends Kind>(kind: K, key: string, resourceVersion?: string): Promise<void> {
    const table = this.table(kind);
    const current = table.get(key);
    if (!current) throw new NotFoundError(kind, key);
    this.checkVersion(kind, key, current, resourceVersion);
    table.delete(key);
    const revision = ++this.revision;
    this.emit(kind, revision, { type: 'DELETED', object: current, previous: current });
  }

  watch<K extends Kind>(
    kind: K,
    handler: (event: WatchEvent<StoredKinds[K]>) => void,
    options: WatchOptions = {},
  ): Unsubscribe {
    const deliver = handler as (event: WatchEvent<StoredObject>) => void;
    let replay: Logged[] = [];
    if (options.resourceVersion !== undefined) {
      const from = Number(options.resourceVersion);
      if (!Number.isInteger(from) || from < (this.compacted.get(kind) ?? 0))
        throw new ExpiredError(kind, options.resourceVersion);
      replay = (this.history.get(kind) ?? []).filter((entry) => entry.revision > from);
    }
    let active = true;
    const listener = (event: WatchEvent<StoredObject>) => {
      if (active) deliver(event);
    };
    const set = this.watchers.get(kind) ?? new Set();
    this.watchers.set(kind, set);
    set.add(listener);
    for (const entry of replay) queueMicrotask(() => listener(entry.event));
    return () => {
      active = false;
      set.delete(listener);
    };
  }

  /**
   * Whether two specs differ as JSON (key order aside). Writers copy a spec and replace the
   * fields they change, so fields that are the same object are equal without a look, and only the
   * replaced ones are serialized: a failover write compares a binding's targets, not its placement.
   */
  private specDiffers(next: unknown, current: unknown): boolean {
    if (next === current) return false;
    if (!isPlainObject(next) || !isPlainObject(current))
      return canonicalJson(next) !== canonicalJson(current);
    for (const key of new Set([...Object.keys(next), ...Object.keys(current)])) {
      const a = next[key];
      const b = current[key];
      if (a !== b && this.canonical(a) !== this.canonical(b)) return true;
    }
    return false;
  }

  /** Canonical JSON, remembered per frozen object (stored values never change). */
  private canonical(value: unknown): string | undefined {
    if (value === null || typeof value !== 'object' || !Object.isFrozen(value))
      return canonicalJson(value);
    let json = this.json.get(value);
    if (json === undefined) {
      json = canonicalJson(value) as string;
      this.json.set(value, json);
    }
    return json;
  }

  private checkVersion(
    kind: Kind,
    key: string,
    current: StoredObject,
    expected: string | undefined,
  ): void {
    const actual = current.metadata.resourceVersion ?? '';
    if (expected !== undefined && expected !== actual)
      throw new ConflictError(kind, key, expected, actual);
  }

  private table(kind: Kind): Map<string, StoredObject> {
    let table = this.objects.get(kind);
    if (!table) {
      table = new Map();
      this.objects.set(kind, table);
    }
    return table;
  }

  private emit(kind: Kind, revision: number, event: WatchEvent<StoredObject>): void {
    let log = this.history.get(kind);
    if (!log) {
      log = [];
      this.history.set(kind, log);
    }
    log.push({ revision, event });
    // Compacting a quarter of the limit at a time keeps the log O(1) per write (one splice per
    // limit/4 writes instead of shifting the whole log on every write).
    if (log.length > this.historyLimit + Math.floor(this.historyLimit / 4)) {
      const dropped = log.splice(0, log.length - this.historyLimit);
      this.compacted.set(kind, (dropped[dropped.length - 1] as Logged).revision);
    }
    const listeners = [...(this.watchers.get(kind) ?? [])];
    for (const listener of listeners) queueMicrotask(() => listener(event));
  }
}

/** JSON with object keys sorted, so an equal spec written with its fields in another order compares equal. */
function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
