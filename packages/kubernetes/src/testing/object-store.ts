import { isDeepStrictEqual } from 'node:util';

/** A Kubernetes object as JSON. @public */
export type KubeObject = Record<string, unknown> & { metadata: ObjectMetadata };

/** The metadata fields the double reads and writes. @public */
export interface ObjectMetadata {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: { uid: string; kind: string; name: string; apiVersion: string }[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

/** A change to one object, at the global version it was committed at. @public */
export interface StoredEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
  readonly resourceVersion: number;
  /** The object before a modification. */
  readonly previous?: KubeObject;
}

interface Watcher {
  readonly matches: (object: KubeObject) => boolean;
  readonly deliver: (event: StoredEvent) => void;
}

/** Thrown when a watch or list asks for a version whose history was compacted. */
export class ResourceVersionTooOldError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

/**
 * The double's storage, shaped like the etcd under kube-apiserver: one global revision counter
 * that every write of any resource bumps, and per resource a history of changes that is
 * compacted (kept to `historyLimit` events, or cut by {@link ObjectStore.compact}). Objects are
 * stored as frozen-by-convention JSON copies; callers get clones.
 */
export class ObjectStore {
  private revision = 1;
  private readonly resources = new Map<string, Map<string, KubeObject>>();
  private readonly histories = new Map<string, StoredEvent[]>();
  /** Per resource: changes at or before this revision are gone. */
  private readonly compactedAt = new Map<string, number>();
  private readonly watchers = new Map<string, Set<Watcher>>();

  constructor(private readonly historyLimit = 1000) {}

  /** The revision of the last write (what a list reports). */
  currentRevision(): number {
    return this.revision;
  }

  get(resource: string, key: string): KubeObject | undefined {
    const found = this.resources.get(resource)?.get(key);
    return found ? clone(found) : undefined;
  }

  list(resource: string, matches: (object: KubeObject) => boolean = () => true): KubeObject[] {
    const objects = [...(this.resources.get(resource)?.values() ?? [])].filter(matches);
    return objects.sort(byKey).map(clone);
  }

  /** Stores `object` under `key`, stamping the next revision; ADDED if new, else MODIFIED. */
  put(resource: string, key: string, object: KubeObject): KubeObject {
    const objects = this.objectsOf(resource);
    const previous = objects.get(key);
    const revision = ++this.revision;
    const stored = clone(object);
    stored.metadata.resourceVersion = String(revision);
    objects.set(key, stored);
    this.record(
      resource,
      previous
        ? { type: 'MODIFIED', object: stored, resourceVersion: revision, previous }
        : { type: 'ADDED', object: stored, resourceVersion: revision },
    );
    return clone(stored);
  }

  remove(resource: string, key: string): KubeObject | undefined {
    const objects = this.resources.get(resource);
    const existing = objects?.get(key);
    if (!objects || !existing) return undefined;
    objects.delete(key);
    const revision = ++this.revision;
    // A deleted object carries the revision of its deletion, as kube-apiserver reports it.
    const gone = clone(existing);
    gone.metadata.resourceVersion = String(revision);
    this.record(resource, { type: 'DELETED', object: gone, resourceVersion: revision });
    return clone(gone);
  }

  /** Drops a whole resource (its CRD was deleted), without events. */
  drop(resource: string): void {
    this.resources.delete(resource);
    this.histories.delete(resource);
    this.compactedAt.delete(resource);
  }

  /**
   * Watches `resource` from just after `fromRevision`: replays the retained history first,
   * then delivers live changes. Throws {@link ResourceVersionTooOldError} when changes after
   * `fromRevision` were compacted.
   */
  watch(
    resource: string,
    fromRevision: number,
    matches: (object: KubeObject) => boolean,
    deliver: (event: StoredEvent) => void,
  ): () => void {
    const oldest = this.compactedAt.get(resource) ?? 0;
    if (fromRevision < oldest) throw new ResourceVersionTooOldError(fromRevision, oldest + 1);
    for (const event of this.histories.get(resource) ?? []) {
      if (event.resourceVersion > fromRevision) deliverFiltered(event, matches, deliver);
    }
    const watcher: Watcher = { matches, deliver };
    let set = this.watchers.get(resource);
    if (!set) this.watchers.set(resource, (set = new Set()));
    set.add(watcher);
    return () => set.delete(watcher);
  }

  /** Forgets the history of every resource up to `revision` (default: all of it), as etcd compaction does. */
  compact(revision = this.revision): void {
    for (const [resource, history] of this.histories) {
      this.histories.set(
        resource,
        history.filter((e) => e.resourceVersion > revision),
      );
      this.compactedAt.set(resource, Math.max(this.compactedAt.get(resource) ?? 0, revision));
    }
    for (const resource of this.resources.keys()) {
      if (!this.histories.has(resource)) this.compactedAt.set(resource, revision);
    }
  }

  private objectsOf(resource: string): Map<string, KubeObject> {
    let objects = this.resources.get(resource);
    if (!objects) this.resources.set(resource, (objects = new Map()));
    return objects;
  }

  private record(resource: string, event: StoredEvent): void {
    let history = this.histories.get(resource);
    if (!history) this.histories.set(resource, (history = []));
    history.push(event);
    if (history.length > this.historyLimit) {
      const dropped = history.splice(0, history.length - this.historyLimit);
      const last = dropped[dropped.length - 1] as StoredEvent;
      this.compactedAt.set(resource, last.resourceVersion);
    }
    for (const watcher of [...(this.watchers.get(resource) ?? [])]) {
      deliverFiltered(event, watcher.matches, watcher.deliver);
    }
  }
}

export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function byKey(a: KubeObject, b: KubeObject): number {
  const ka = objectKey(a.metadata.namespace, a.metadata.name);
  const kb = objectKey(b.metadata.namespace, b.metadata.name);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A deep copy with JSON's semantics (fields set to `undefined` vanish), as objects are stored. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Whether two values are equal as JSON documents. */
export function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(clone(a), clone(b));
}

/**
 * What a filtered watch sees of a change: an object that stops matching is DELETED for it and
 * one that starts matching is ADDED, as kube-apiserver's watch cache reports them.
 */
function deliverFiltered(
  event: StoredEvent,
  matches: (object: KubeObject) => boolean,
  deliver: (event: StoredEvent) => void,
): void {
  const now = matches(event.object);
  const before = event.previous ? matches(event.previous) : now;
  if (!now && !before) return;
  const type =
    event.type === 'MODIFIED' && now !== before ? (now ? 'ADDED' : 'DELETED') : event.type;
  deliver({ type, object: clone(event.object), resourceVersion: event.resourceVersion });
}
