import { randomUUID } from 'node:crypto';
import {
  AlreadyExistsError,
  ConflictError,
  ExpiredError,
  NotFoundError,
  objectKey,
  type Kind,
  type ListResult,
  type StateStore,
  type StoredKinds,
  type Unsubscribe,
  type WatchEvent,
  type WatchOptions,
} from '@lifeboat/core';
import type { Etcd3, IKeyValue, IRequestOp, IResponseHeader, IWatchResponse } from 'etcd3';
import { decodeObject, encodeObject } from '../codec/object-codec';
import { CorruptObjectError } from '../errors/corrupt-object-error';
import { FenceLostError } from '../errors/fence-lost-error';
import { currentFence, type Fence, type FenceSource } from '../fence/fence';
import { DEFAULT_KEY_PREFIX, KeyLayout, prefixRangeEnd } from './key-layout';
import { KnownObjects } from './known-objects';
import { RevisionTracker } from './revision-tracker';
import { ReadBatcher } from './read-batcher';
import { WriteBatcher, type Comparison, type WriteResult } from './write-batcher';

/** Options of {@link EtcdStateStore.connect}. @public */
export interface EtcdStateStoreOptions {
  /** A connected client (see `connectEtcd`); the caller owns it and closes it. */
  readonly client: Etcd3;
  /** Key prefix of every object (default `/lifeboat/`); must end with `/`. */
  readonly prefix?: string;
  /** When set, every write also checks this fence in its transaction (see {@link EtcdStateStore.withFence}). */
  readonly fence?: FenceSource;
  /**
   * Receives a watch's asynchronous failure when the watch has no `onError` of its own. Without
   * it such a failure is thrown from a microtask: a process whose watch died fails loudly
   * instead of running on with a stale cache.
   */
  readonly onWatchError?: (kind: Kind, error: Error) => void;
  /**
   * Told about every stored value that is not a valid object of its kind (see
   * {@link CorruptObjectError}) when a list or a watch skips it. Lists and watches never fail
   * or stop on such a value: one bad key must not blind every controller and agent. Without
   * this option such values are skipped silently.
   */
  readonly onCorruptObject?: (error: CorruptObjectError) => void;
  /**
   * Writes in one etcd transaction at most (default 127: etcd's default `--max-txn-ops` of 128
   * less the fence compare). Writes issued while earlier ones are in flight go together in the
   * next transaction, each with its own comparison and its own result; 1 sends every write on
   * its own. Lower it to fit an etcd started with a smaller `--max-txn-ops`. Single-key reads
   * asked for meanwhile share read-only transactions of one more key than this.
   */
  readonly maxWritesPerTxn?: number;
  /**
   * Bytes of keys and values in one transaction at most (default 1 MiB, under etcd's default
   * `--max-request-bytes` of 1.5 MiB); a single larger write still goes, on its own.
   */
  readonly maxBytesPerTxn?: number;
  /** Write transactions, and read transactions, awaiting etcd's answer at once at most (default 2). */
  readonly maxTxnsInFlight?: number;
}

/** Options of {@link EtcdStateStore.watch}: core's options plus asynchronous failure reporting. @public */
export interface EtcdWatchOptions extends WatchOptions {
  /**
   * Called at most once when the watch ends by itself, after which it delivers nothing more:
   * `ExpiredError` when etcd compacted the revisions the watch still had to deliver (list
   * again and watch from the list's version), another error when etcd cancelled the watch.
   * Connection loss is not a failure: the watch reconnects and resumes where it was.
   */
  readonly onError?: (error: Error) => void;
}

type StoredObject = {
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly generation?: number;
    readonly creationTimestamp?: number;
    readonly resourceVersion?: string;
  };
  readonly spec?: unknown;
};

/** Read-modify-write rounds an unversioned update makes before giving up under contention. */
const UNVERSIONED_UPDATE_ATTEMPTS = 16;

const DEFAULT_MAX_WRITES_PER_TXN = 127;
const DEFAULT_MAX_BYTES_PER_TXN = 1024 * 1024;
const DEFAULT_MAX_TXNS_IN_FLIGHT = 2;

/**
 * The {@link @lifeboat/core#StateStore} on etcd. Each object is one key, `<prefix><Kind>/<namespace/name>`,
 * holding its JSON; `metadata.resourceVersion` is the key's mod revision and a list's version
 * is the store revision it was read at, so versions from lists, objects and watch events are
 * one sequence. Every write compares revisions (create: the key does not exist; update/delete:
 * the mod revision the caller read) and, when fenced, that the writer still holds leadership,
 * in the same transaction. Writes issued while others are in flight share the next
 * transaction (one fence compare for all of them; each keeps its own comparison and gets its
 * own result, as alone; writes of one key keep their order); single-key reads asked for
 * meanwhile share one read-only transaction. `generation` starts at 1 and grows only when `spec` changes;
 * `uid` is assigned on create; returned objects are frozen snapshots with `Quantity` values
 * revived, exactly as the in-memory store.
 *
 * Watches follow one key range from a revision through etcd's watch stream and survive
 * reconnects. Resuming from a version known to be compacted throws `ExpiredError` from
 * `watch` itself (the store learns compactions it makes through {@link EtcdStateStore.compact} or meets on a
 * watch); a compaction found later ends the watch with `ExpiredError` through `onError` (see
 * {@link EtcdWatchOptions}).
 * @public
 */
export class EtcdStateStore implements StateStore {
  private constructor(
    private readonly client: Etcd3,
    private readonly layout: KeyLayout,
    private readonly revisions: RevisionTracker,
    private readonly known: KnownObjects,
    private readonly writes: WriteBatcher,
    private readonly reads: ReadBatcher,
    private readonly fence: FenceSource | undefined,
    private readonly onWatchError: ((kind: Kind, error: Error) => void) | undefined,
    private readonly onCorruptObject: ((error: CorruptObjectError) => void) | undefined,
  ) {}

  /** A store on `client`; reads the current revision first, so watches "from now" miss nothing this process writes. */
  static async connect(options: EtcdStateStoreOptions): Promise<EtcdStateStore> {
    const layout = new KeyLayout(options.prefix ?? DEFAULT_KEY_PREFIX);
    const revisions = new RevisionTracker();
    const maxWritesPerTxn = atLeastOne(options.maxWritesPerTxn ?? DEFAULT_MAX_WRITES_PER_TXN);
    const maxTxnsInFlight = atLeastOne(options.maxTxnsInFlight ?? DEFAULT_MAX_TXNS_IN_FLIGHT);
    const onHeader = (header: IResponseHeader) => revisions.observe(header.revision);
    const writes = new WriteBatcher(options.client, {
      maxWritesPerTxn,
      maxBytesPerTxn: atLeastOne(options.maxBytesPerTxn ?? DEFAULT_MAX_BYTES_PER_TXN),
      maxTxnsInFlight,
      onHeader,
    });
    // A read carries no fence compare: it takes the operation a write leaves to the fence.
    const reads = new ReadBatcher(options.client, {
      maxReadsPerTxn: maxWritesPerTxn + 1,
      maxTxnsInFlight,
      onHeader,
    });
    const store = new EtcdStateStore(
      options.client,
      layout,
      revisions,
      new KnownObjects(),
      writes,
      reads,
      options.fence,
      options.onWatchError,
      options.onCorruptObject,
    );
    await store.client.kv
      .range({ key: Buffer.from(layout.prefix), limit: 1, keys_only: true })
      .then((res) => store.saw(res.header));
    return store;
  }

  /**
   * A view of this store (same client, same revision knowledge, same write queue) whose writes
   * also require `fence`; they fail with {@link FenceLostError} once the fence no longer holds.
   */
  withFence(fence: FenceSource): EtcdStateStore {
    return new EtcdStateStore(
      this.client,
      this.layout,
      this.revisions,
      this.known,
      this.writes,
      this.reads,
      fence,
      this.onWatchError,
      this.onCorruptObject,
    );
  }

  /** The object at `key`; throws {@link CorruptObjectError} when the stored value is not a valid `kind`. */
  async get<K extends Kind>(kind: K, key: string): Promise<StoredKinds[K] | undefined> {
    const kv = await this.read(this.layout.objectKey(kind, key));
    return kv ? this.decode(kind, kv) : undefined;
  }

  async list<K extends Kind>(kind: K): Promise<ListResult<StoredKinds[K]>> {
    const prefix = this.layout.kindPrefix(kind);
    const res = await this.client.kv.range({
      key: Buffer.from(prefix),
      range_end: prefixRangeEnd(prefix),
    });
    this.saw(res.header);
    const items = res.kvs
      .flatMap((kv) => {
        const object = this.decodeOrSkip(kind, kv);
        return object ? [object] : [];
      })
      .sort((a, b) => compareKeys(objectKey(a.metadata), objectKey(b.metadata)));
    return { items, resourceVersion: res.header.revision };
  }

  async create<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]> {
    const key = objectKey(object.metadata);
    const storageKey = this.layout.objectKey(kind, key);
    const fence = this.fenceFor(kind, key);
    const value = encodeObject<K>({
      ...object,
      metadata: { ...object.metadata, uid: object.metadata.uid ?? randomUUID(), generation: 1 },
    });
    const res = await this.transaction(storageKey, fence, [['Create', '==', 0]], {
      request_put: { key: Buffer.from(storageKey), value: Buffer.from(value) },
    });
    if (!res.succeeded) {
      this.throwIfFenceLost(res.fenceHolder, fence, kind, key);
      throw new AlreadyExistsError(kind, key);
    }
    return this.wrote(kind, storageKey, value, res.revision);
  }

  /**
   * Writes `object`. A versioned update of an object this client has already decoded at that
   * version goes straight to its transaction; otherwise the stored object is read first, for
   * the `uid`, `creationTimestamp` and `generation` the write must keep.
   */
  async update<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]> {
    const key = objectKey(object.metadata);
    const storageKey = this.layout.objectKey(kind, key);
    const expected = object.metadata.resourceVersion;
    const known = expected === undefined ? undefined : this.known.at<K>(storageKey, expected);
    let current: CurrentObject<K> | undefined = known
      ? { revision: known.metadata.resourceVersion ?? '', object: known }
      : this.current(kind, await this.read(storageKey));
    let tried = '';
    for (let attempt = 0; attempt < UNVERSIONED_UPDATE_ATTEMPTS; attempt++) {
      if (!current) throw new NotFoundError(kind, key);
      tried = current.revision;
      if (expected !== undefined && expected !== current.revision)
        throw new ConflictError(kind, key, expected, current.revision);
      const fence = this.fenceFor(kind, key);
      // Overwriting a corrupt value repairs it; what it held of uid and generation is lost.
      const stored = (current.object ?? {
        metadata: { ...object.metadata, generation: 0 },
      }) as StoredObject;
      const specChanged =
        JSON.stringify((object as StoredObject).spec) !== JSON.stringify(stored.spec);
      const value = encodeObject<K>({
        ...object,
        metadata: {
          ...object.metadata,
          uid: stored.metadata.uid,
          creationTimestamp: stored.metadata.creationTimestamp,
          generation: (stored.metadata.generation ?? 1) + (specChanged ? 1 : 0),
        },
      });
      const res = await this.transaction(storageKey, fence, [['Mod', '==', current.revision]], {
        request_put: { key: Buffer.from(storageKey), value: Buffer.from(value) },
      });
      if (res.succeeded) return this.wrote(kind, storageKey, value, res.revision);
      this.throwIfFenceLost(res.fenceHolder, fence, kind, key);
      // Someone wrote in between: a versioned update fails on the next round; an unversioned one
      // redoes the read-modify-write on the newer object to keep uid and generation right.
      current = this.current(kind, res.current);
    }
    throw new ConflictError(kind, key, tried, current?.revision ?? 'none');
  }

  async delete<K extends Kind>(kind: K, key: string, resourceVersion?: string): Promise<void> {
    const storageKey = this.layout.objectKey(kind, key);
    const fence = this.fenceFor(kind, key);
    const compare: Comparison =
      resourceVersion === undefined ? ['Create', '>', 0] : ['Mod', '==', resourceVersion];
    const res = await this.transaction(storageKey, fence, [compare], {
      request_delete_range: { key: Buffer.from(storageKey) },
    });
    if (res.succeeded) {
      this.known.forget(storageKey, res.revision);
      return;
    }
    this.throwIfFenceLost(res.fenceHolder, fence, kind, key);
    if (!res.current) throw new NotFoundError(kind, key);
    throw new ConflictError(kind, key, resourceVersion ?? '', res.current.mod_revision);
  }

  watch<K extends Kind>(
    kind: K,
    handler: (event: WatchEvent<StoredKinds[K]>) => void,
    options: EtcdWatchOptions = {},
  ): Unsubscribe {
    const start = this.startRevision(kind, options.resourceVersion);
    const prefix = this.layout.kindPrefix(kind);
    const watcher = this.client
      .watch()
      .prefix(prefix)
      .startRevision(String(start))
      .withPreviousKV()
      .watcher();
    let active = true;
    let next = start;
    watcher.on('data', (res: IWatchResponse) => {
      if (!active) return;
      this.saw(res.header);
      const seen = BigInt(res.header.revision) + 1n;
      if (seen > next) next = seen;
      for (const event of res.events) {
        const decoded = this.decodeEvent(kind, event.type, event.kv, event.prev_kv);
        if (!decoded) continue;
        queueMicrotask(() => {
          if (active) handler(decoded);
        });
      }
    });
    // etcd3 moves a watcher's resume point to the store revision as soon as the watch is
    // created, before a historical replay arrives; resume from what was really delivered.
    watcher.on('disconnected', () => {
      watcher.request.start_revision = String(next);
    });
    // etcd has already cancelled a watch that reports an error, so there is nothing to cancel.
    watcher.on('error', (error: Error) => {
      if (!active) return;
      active = false;
      void this.explainWatchFailure(kind, next, error).then((reason) =>
        this.reportWatchFailure(kind, reason, options.onError),
      );
    });
    return () => {
      if (!active) return;
      active = false;
      watcher.cancel().catch(() => undefined);
    };
  }

  /**
   * Compacts etcd's history up to `resourceVersion` (default: the newest revision this store
   * has seen): watches can no longer resume from versions before it. Operators normally let
   * etcd's `--auto-compaction-retention` do this; it is here for maintenance and tests.
   */
  async compact(resourceVersion?: string): Promise<void> {
    const revision =
      resourceVersion === undefined ? this.revisions.latest : BigInt(resourceVersion);
    const res = await this.client.kv.compact({ revision: String(revision), physical: true });
    this.saw(res.header);
    this.revisions.observeCompaction(revision);
  }

  private startRevision(kind: Kind, resourceVersion: string | undefined): bigint {
    if (resourceVersion === undefined) return this.revisions.latest + 1n;
    const from = /^\d+$/.test(resourceVersion) ? BigInt(resourceVersion) : undefined;
    if (from === undefined || from + 1n < this.revisions.compacted)
      throw new ExpiredError(kind, resourceVersion);
    return from + 1n;
  }

  /**
   * The event as core's watchers see it, or `undefined` for a put of a corrupt value (skipped
   * and reported: watchers keep the last valid version). A corrupt previous value is treated
   * as absent, so repairing a key is seen as its creation.
   */
  private decodeEvent<K extends Kind>(
    kind: K,
    type: 'Put' | 'Delete',
    kv: IKeyValue,
    prev: IKeyValue | undefined,
  ): WatchEvent<StoredKinds[K]> | undefined {
    const previous = prev ? this.decodeOrSkip(kind, prev, false) : undefined;
    if (type === 'Put') {
      const object = this.decodeOrSkip(kind, kv);
      if (!object) return undefined;
      if (prev && !previous) return { type: 'ADDED', object };
      // Version 1 is a creation. A modification's previous value is absent only when etcd
      // compacted it away before sending the event.
      return kv.version === '1'
        ? { type: 'ADDED', object }
        : { type: 'MODIFIED', object, previous };
    }
    // A delete event carries only the key; the object is the last version before it, as the
    // in-memory store reports. Without a previous value (compacted away) only the name is known.
    this.known.forget(kv.key.toString(), kv.mod_revision);
    const object = previous ?? this.tombstone(kind, kv);
    return { type: 'DELETED', object, previous: object };
  }

  /** The decoded object, or `undefined` (reported unless `report` is false) when it is corrupt. */
  private decodeOrSkip<K extends Kind>(
    kind: K,
    kv: IKeyValue,
    report = true,
  ): StoredKinds[K] | undefined {
    try {
      return this.decode(kind, kv);
    } catch (error) {
      if (!(error instanceof CorruptObjectError)) throw error;
      if (report) this.onCorruptObject?.(error);
      return undefined;
    }
  }

  /**
   * The object `kv` holds (remembered for later versioned updates); throws {@link CorruptObjectError}.
   * A version this client has already decoded is not decoded again: the same key at the same
   * mod revision holds the same value.
   */
  private decode<K extends Kind>(kind: K, kv: IKeyValue): StoredKinds[K] {
    const storageKey = kv.key.toString();
    const known = this.known.decoded<K>(storageKey, kv.mod_revision);
    if (known) return known;
    const object = decodeObject(kind, kv.value.toString(), kv.mod_revision, storageKey);
    this.known.remember(storageKey, object);
    return object;
  }

  private wrote<K extends Kind>(
    kind: K,
    storageKey: string,
    value: string,
    revision: string,
  ): StoredKinds[K] {
    const object = decodeObject(kind, value, revision);
    this.known.remember(storageKey, object);
    return object;
  }

  private current<K extends Kind>(
    kind: K,
    kv: IKeyValue | undefined,
  ): CurrentObject<K> | undefined {
    return kv && { revision: kv.mod_revision, object: this.decodeOrSkip(kind, kv) };
  }

  private tombstone<K extends Kind>(kind: K, kv: IKeyValue): StoredKinds[K] {
    const key = this.layout.keyOf(kind, kv.key.toString());
    const slash = key.indexOf('/');
    const metadata =
      slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
    return Object.freeze({
      metadata: Object.freeze({ ...metadata, resourceVersion: kv.mod_revision }),
    }) as unknown as StoredKinds[K];
  }

  private async explainWatchFailure(kind: Kind, next: bigint, error: Error): Promise<Error> {
    const prefix = this.layout.kindPrefix(kind);
    try {
      await this.client.kv.range({
        key: Buffer.from(prefix),
        range_end: prefixRangeEnd(prefix),
        revision: String(next),
        limit: 1,
        keys_only: true,
      });
      return error;
    } catch (probe) {
      if (!(probe instanceof Error) || !probe.message.includes('compacted')) return error;
      this.revisions.observeCompaction(next + 1n);
      return new ExpiredError(kind, String(next - 1n));
    }
  }

  private reportWatchFailure(
    kind: Kind,
    error: Error,
    onError: ((error: Error) => void) | undefined,
  ): void {
    if (onError) onError(error);
    else if (this.onWatchError) this.onWatchError(kind, error);
    else
      queueMicrotask(() => {
        throw error;
      });
  }

  private fenceFor(kind: Kind, key: string): Fence | undefined {
    if (this.fence === undefined) return undefined;
    const fence = currentFence(this.fence);
    if (!fence) throw new FenceLostError('(none: not leading)', kind, key);
    return fence;
  }

  private throwIfFenceLost(
    holder: IKeyValue | undefined | null,
    fence: Fence | undefined,
    kind: Kind,
    key: string,
  ): void {
    if (fence && holder?.create_revision !== fence.createRevision)
      throw new FenceLostError(fence.key, kind, key);
  }

  /** What etcd holds at `storageKey`, read together with the other reads asked for meanwhile. */
  private read(storageKey: string): Promise<IKeyValue | undefined> {
    return this.reads.read(storageKey);
  }

  /**
   * One conditional write on `storageKey` (in a transaction it may share with other writes): if
   * every comparison holds (and the fence, when given), run `success`; otherwise the result
   * holds what the key and the fence key held, so the caller can tell a stale version from a
   * missing key from lost leadership without another round trip.
   */
  private transaction(
    storageKey: string,
    fence: Fence | undefined,
    comparisons: readonly Comparison[],
    success: IRequestOp,
  ): Promise<WriteResult> {
    return this.writes.submit({ key: storageKey, comparisons, op: success, fence });
  }

  private saw(header: IResponseHeader): void {
    this.revisions.observe(header.revision);
  }
}

/** What etcd holds at a key: its mod revision and the object, `undefined` when the value is corrupt. */
interface CurrentObject<K extends Kind> {
  readonly revision: string;
  readonly object: StoredKinds[K] | undefined;
}

function atLeastOne(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected a whole number ≥ 1, got ${n}`);
  return n;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
