import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { Lease } from '../model/lease';
import { token } from './token';

/** The kinds a store holds, by name. @public */
export interface StoredKinds {
  Cluster: Cluster;
  Binding: Binding;
  Lease: Lease;
}

/** A kind name. @public */
export type Kind = keyof StoredKinds;

/** What happened to an object. @public */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change seen by a watch. `previous` is the object before a modification or deletion. @public */
export interface WatchEvent<T> {
  readonly type: WatchEventType;
  readonly object: T;
  readonly previous?: T;
}

/** A list and the store version it was read at (watch from there to miss nothing). @public */
export interface ListResult<T> {
  readonly items: readonly T[];
  readonly resourceVersion: string;
}

/** Options of {@link StateStore.watch}. @public */
export interface WatchOptions {
  /** Deliver every change after this version (else only changes from now on). */
  readonly resourceVersion?: string;
  /**
   * Called at most once if the watch ends by itself after `watch()` returned (a store across a
   * network); nothing is delivered after it. An `ExpiredError` means the changes still to deliver
   * were compacted: list again. Stores that can only fail synchronously never call it.
   */
  readonly onError?: (error: Error) => void;
}

/** Stops a watch. @public */
export type Unsubscribe = () => void;

/**
 * Where clusters, bindings (with their eviction tasks) and leases live. Objects returned are
 * read-only snapshots; writes are optimistic:
 * - `update` and `delete` with `metadata.resourceVersion` set fail with `ConflictError` when the
 *   stored object has another version; without it they overwrite;
 * - `create` fails with `AlreadyExistsError`; `update`/`delete` of a missing key with `NotFoundError`.
 * Watches deliver changes in the order they were committed; resuming from a version the store no
 * longer remembers fails with `ExpiredError`, thrown by `watch` when the store knows at once,
 * otherwise passed to `options.onError` (list again).
 * @public
 */
export interface StateStore {
  get<K extends Kind>(kind: K, key: string): Promise<StoredKinds[K] | undefined>;
  list<K extends Kind>(kind: K): Promise<ListResult<StoredKinds[K]>>;
  create<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]>;
  update<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]>;
  delete<K extends Kind>(kind: K, key: string, resourceVersion?: string): Promise<void>;
  watch<K extends Kind>(
    kind: K,
    handler: (event: WatchEvent<StoredKinds[K]>) => void,
    options?: WatchOptions,
  ): Unsubscribe;
}

/** @public */
export const STATE_STORE = token<StateStore>('StateStore');
