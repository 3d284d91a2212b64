import { Watch, type KubeConfig } from '@kubernetes/client-node';
import {
  AlreadyExistsError,
  ConflictError,
  ExpiredError,
  NotFoundError,
  RealClock,
  ValidationError,
  objectKey,
  type Clock,
  type Kind,
  type ListResult,
  type ObjectMeta,
  type StateStore,
  type StoredKinds,
  type Unsubscribe,
  type WatchEvent,
  type WatchOptions,
} from '@lifeboat/core';
import { randomUUID } from 'node:crypto';
import { fromHubObject, HUB_RESOURCES, toHubObject, type HubObject } from './custom-resource-codec';
import { HubClient, HubRequestError } from './hub-client';
import { LeaseFenceLostError, type LeaseFence, type LeaseFenceSource } from './lease-fence';

/** Options of {@link KubernetesStateStore}. @public */
export interface KubernetesStateStoreOptions {
  /** Credentials and address of the hub cluster. */
  readonly kubeConfig: KubeConfig;
  /** For fence deadlines and watch reconnect delays (default: the real clock). */
  readonly clock?: Clock;
  /** When set, every write first checks this fence (see {@link KubernetesStateStore.withFence}). */
  readonly fence?: LeaseFenceSource;
  /** Wait before re-opening a watch the connection dropped (default 1000 ms). */
  readonly watchRetryMs?: number;
  /**
   * Keep Leases in this one namespace (e.g. `lifeboat-system`): lists and watches of Leases then
   * need only a namespaced Role. Default: Leases in any namespace (cluster-wide list and watch).
   */
  readonly leaseNamespace?: string;
}

type Stored = StoredKinds[Kind];

/** What a store and its fenced views share: the connection and what they have seen. */
interface SharedState {
  readonly client: HubClient;
  readonly seen: Map<string, Stored[]>;
  /** Objects seen deleted (their versions stay remembered for watches replaying older changes). */
  readonly gone: Set<string>;
  /** The newest resource version seen (one counter across kinds, as etcd's revision). */
  latest: string | undefined;
}
const UPDATE_ATTEMPTS = 5;
/** Versions of one object remembered, so a watch can name the object a change replaced. */
const REMEMBERED_VERSIONS = 4;

/**
 * Core's `StateStore` on a hub cluster's API: Clusters and Bindings as `lifeboat.dev` custom
 * resources (install {@link lifeboatCrds} first), Leases as `coordination.k8s.io/v1` Leases.
 * Writes are optimistic on `resourceVersion` (a stale one is `ConflictError`); a write without
 * one re-reads and retries. Watches resume from the last version they saw when the connection
 * drops and, when that version was compacted meanwhile (410 Gone), list again and deliver the
 * difference, so a consumer misses nothing; only a watch asked to start at an already compacted
 * version fails, with `ExpiredError` through `onError`. `previous` on a watch event is the
 * object as this store last saw it (absent when it never saw that version).
 * @public
 */
export class KubernetesStateStore implements StateStore {
  private readonly client: HubClient;
  private readonly clock: Clock;
  private readonly shared: SharedState;

  constructor(
    private readonly options: KubernetesStateStoreOptions,
    shared?: SharedState,
  ) {
    this.client = shared?.client ?? new HubClient(options.kubeConfig);
    this.shared = shared ?? {
      client: this.client,
      seen: new Map(),
      gone: new Set(),
      latest: undefined,
    };
    this.clock = options.clock ?? new RealClock();
  }

  /**
   * A view of this store whose every write first checks `fence` and fails with
   * `LeaseFenceLostError` once it no longer holds; reads and watches are shared.
   */
  withFence(fence: LeaseFenceSource): KubernetesStateStore {
    return new KubernetesStateStore({ ...this.options, fence }, this.shared);
  }

  async get<K extends Kind>(kind: K, key: string): Promise<StoredKinds[K] | undefined> {
    const hub = await this.read(kind, key);
    return hub ? this.remember(kind, fromHubObject(kind, hub)) : undefined;
  }

  async list<K extends Kind>(kind: K): Promise<ListResult<StoredKinds[K]>> {
    const list = await this.client.list(HUB_RESOURCES[kind], this.namespaceOf(kind));
    const items = list.items
      .map((hub) => this.remember(kind, fromHubObject(kind, hub)))
      .sort((a, b) => compareKeys(objectKey(a.metadata), objectKey(b.metadata)));
    this.noteVersion(list.resourceVersion);
    return { items, resourceVersion: list.resourceVersion };
  }

  /** @internal the one namespace `kind` is kept in, if the store was told one. */
  namespaceOf(kind: Kind): string | undefined {
    return kind === 'Lease' ? this.options.leaseNamespace : undefined;
  }

  /** @internal the newest resource version any answer of the hub carried, if any yet. */
  latestVersion(): string | undefined {
    return this.shared.latest;
  }

  private noteVersion(version: string | undefined): void {
    if (
      version &&
      /^\d+$/.test(version) &&
      (!this.shared.latest || BigInt(version) > BigInt(this.shared.latest))
    )
      this.shared.latest = version;
  }

  async create<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]> {
    const key = objectKey(object.metadata);
    this.checkScope(kind, object.metadata);
    const only = this.namespaceOf(kind);
    if (only !== undefined && object.metadata.namespace !== only)
      throw ValidationError.at(
        'metadata.namespace',
        `this store keeps ${kind}s in namespace ${only}, not ${object.metadata.namespace}`,
      );
    await this.checkFence(kind, key);
    const { resourceVersion: _ignored, ...metadata } = object.metadata;
    const hub = toHubObject(kind, { ...object, metadata } as StoredKinds[K], {
      uid: object.metadata.uid ?? randomUUID(),
      generation: 1,
      creationTimestamp: object.metadata.creationTimestamp,
    });
    const resource = HUB_RESOURCES[kind];
    try {
      return this.remember(kind, fromHubObject(kind, await this.client.create(resource, hub)));
    } catch (error) {
      if (error instanceof HubRequestError && error.code === 409)
        throw new AlreadyExistsError(kind, key);
      if (!(error instanceof HubRequestError && isMissingNamespace(error))) throw error;
    }
    await this.client.ensureNamespace(object.metadata.namespace as string);
    return this.create(kind, object);
  }

  async update<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]> {
    const key = objectKey(object.metadata);
    await this.checkFence(kind, key);
    const wanted = object.metadata.resourceVersion;
    for (let attempt = 1; ; attempt++) {
      const live = (wanted && this.recalled(kind, key, wanted)) || (await this.get(kind, key));
      if (!live) throw new NotFoundError(kind, key);
      const current = live.metadata.resourceVersion as string;
      if (wanted && wanted !== current) throw new ConflictError(kind, key, wanted, current);
      const generation =
        (live.metadata.generation ?? 1) + (sameJson(object.spec, live.spec) ? 0 : 1);
      const hub = toHubObject(
        kind,
        { ...object, metadata: { ...object.metadata, resourceVersion: current } } as StoredKinds[K],
        {
          uid: live.metadata.uid as string,
          generation,
          creationTimestamp: live.metadata.creationTimestamp,
        },
      );
      try {
        return this.remember(
          kind,
          fromHubObject(kind, await this.client.replace(HUB_RESOURCES[kind], hub)),
        );
      } catch (error) {
        if (!(error instanceof HubRequestError)) throw error;
        if (error.code === 404) throw new NotFoundError(kind, key);
        if (error.code !== 409) throw error;
        if (wanted)
          throw new ConflictError(
            kind,
            key,
            wanted,
            (await this.read(kind, key))?.metadata.resourceVersion ?? 'none',
          );
        if (attempt >= UPDATE_ATTEMPTS) throw error;
      }
    }
  }

  async delete<K extends Kind>(kind: K, key: string, resourceVersion?: string): Promise<void> {
    await this.checkFence(kind, key);
    const { namespace, name } = splitKey(kind, key);
    try {
      await this.client.delete(HUB_RESOURCES[kind], namespace, name, resourceVersion);
      this.forget(kind, key);
    } catch (error) {
      if (!(error instanceof HubRequestError)) throw error;
      if (error.code === 404) throw new NotFoundError(kind, key);
      if (error.code === 409 && resourceVersion) {
        const current = await this.read(kind, key);
        if (!current) throw new NotFoundError(kind, key);
        throw new ConflictError(
          kind,
          key,
          resourceVersion,
          current.metadata.resourceVersion ?? 'none',
        );
      }
      throw error;
    }
  }

  watch<K extends Kind>(
    kind: K,
    handler: (event: WatchEvent<StoredKinds[K]>) => void,
    options: WatchOptions = {},
  ): Unsubscribe {
    if (options.resourceVersion !== undefined && !/^\d+$/.test(options.resourceVersion))
      throw new ExpiredError(kind, options.resourceVersion);
    const session = new WatchSession(
      this,
      this.options.kubeConfig,
      this.clock,
      this.options.watchRetryMs ?? 1000,
      kind,
      handler as (event: WatchEvent<Stored>) => void,
      options,
    );
    void session.start();
    return () => session.stop();
  }

  /** @internal the newest remembered version of `key` older than `resourceVersion`. */
  before(kind: Kind, key: string, resourceVersion: string): Stored | undefined {
    const versions = this.shared.seen.get(`${kind}/${key}`) ?? [];
    return versions
      .filter((o) => BigInt(o.metadata.resourceVersion ?? '0') < BigInt(resourceVersion))
      .at(-1);
  }

  /** @internal */
  remember<T extends Stored>(kind: Kind, object: T): T {
    this.noteVersion(object.metadata.resourceVersion);
    const id = `${kind}/${objectKey(object.metadata)}`;
    this.shared.gone.delete(id);
    const versions = this.shared.seen.get(id) ?? [];
    if (!versions.some((o) => o.metadata.resourceVersion === object.metadata.resourceVersion)) {
      versions.push(object);
      versions.sort((a, b) =>
        BigInt(a.metadata.resourceVersion ?? '0') < BigInt(b.metadata.resourceVersion ?? '0')
          ? -1
          : 1,
      );
      if (versions.length > REMEMBERED_VERSIONS) versions.shift();
      this.shared.seen.set(id, versions);
    }
    return object;
  }

  /** @internal the newest remembered version of every object of `kind`, by key. */
  rememberedOf(kind: Kind): Map<string, Stored> {
    const out = new Map<string, Stored>();
    for (const [id, versions] of this.shared.seen) {
      const last = versions.at(-1);
      if (id.startsWith(`${kind}/`) && last && !this.shared.gone.has(id))
        out.set(id.slice(kind.length + 1), last);
    }
    return out;
  }

  /** @internal notes that `key` no longer exists. */
  forget(kind: Kind, key: string): void {
    this.shared.gone.add(`${kind}/${key}`);
  }

  private recalled<K extends Kind>(
    kind: K,
    key: string,
    resourceVersion: string,
  ): StoredKinds[K] | undefined {
    return (this.shared.seen.get(`${kind}/${key}`) ?? []).find(
      (o) => o.metadata.resourceVersion === resourceVersion,
    ) as StoredKinds[K] | undefined;
  }

  private async read(kind: Kind, key: string): Promise<HubObject | undefined> {
    const { namespace, name } = splitKey(kind, key);
    try {
      return await this.client.get(HUB_RESOURCES[kind], namespace, name);
    } catch (error) {
      if (error instanceof HubRequestError && error.code === 404) return undefined;
      throw error;
    }
  }

  private checkScope(kind: Kind, metadata: ObjectMeta): void {
    if (HUB_RESOURCES[kind].namespaced && !metadata.namespace)
      throw new ValidationError([
        { path: 'metadata.namespace', message: `a ${kind} on the hub needs a namespace` },
      ]);
  }

  private async checkFence(kind: Kind, key: string): Promise<void> {
    const source = this.options.fence;
    if (!source) return;
    const fence: LeaseFence | undefined = typeof source === 'function' ? source() : source;
    if (!fence) throw new LeaseFenceLostError('none', kind, key, 'this replica does not lead');
    const lease = `${fence.namespace}/${fence.name}`;
    if (this.clock.now() >= fence.validUntil)
      throw new LeaseFenceLostError(lease, kind, key, 'the leadership term may have expired');
    const current = await this.read('Lease', lease);
    const spec = (current?.spec ?? {}) as { holderIdentity?: string; leaseTransitions?: number };
    if (
      spec.holderIdentity !== fence.holderIdentity ||
      (spec.leaseTransitions ?? 0) !== fence.leaseTransitions
    )
      throw new LeaseFenceLostError(
        lease,
        kind,
        key,
        `the Lease is held by ${spec.holderIdentity || 'nobody'} now`,
      );
  }
}

/** One watch: list-free resume from the last version seen, relist after 410 Gone, reconnect on drops. */
class WatchSession {
  private stopped = false;
  private controller: AbortController | undefined;
  private from: string | undefined;
  private readonly known = new Map<string, Stored>();
  private delivered = false;
  private relisting = false;

  constructor(
    private readonly store: KubernetesStateStore,
    private readonly kubeConfig: KubeConfig,
    private readonly clock: Clock,
    private readonly retryMs: number,
    private readonly kind: Kind,
    private readonly handler: (event: WatchEvent<Stored>) => void,
    private readonly options: WatchOptions,
  ) {
    this.from = options.resourceVersion;
  }

  async start(): Promise<void> {
    // "Changes from now on": from the newest version this store has seen (so its own writes
    // after this call are never missed), else from a fresh list's; never without a version,
    // which would make Kubernetes send every existing object as ADDED.
    this.from ??= this.store.latestVersion();
    if (this.from === undefined) {
      const relisted = await this.tryList();
      if (!relisted) return;
      this.from = relisted.resourceVersion;
      for (const item of relisted.items) this.known.set(objectKey(item.metadata), item);
    }
    await this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const resource = HUB_RESOURCES[this.kind];
    const namespace = this.store.namespaceOf(this.kind);
    const scope = namespace !== undefined ? `/namespaces/${namespace}` : '';
    const path = `/apis/${resource.group}/${resource.version}${scope}/${resource.plural}`;
    let ended = false;
    const end = (error: unknown) => {
      if (ended) return;
      ended = true;
      void this.afterEnd(error);
    };
    this.controller = await new Watch(this.kubeConfig).watch(
      path,
      { resourceVersion: this.from, allowWatchBookmarks: true },
      (type: string, object: HubObject & { code?: number }) => this.onEvent(type, object),
      end,
    );
    if (this.stopped) this.controller.abort();
  }

  private onEvent(type: string, hub: HubObject & { code?: number }): void {
    if (this.stopped) return;
    if (type === 'ERROR') {
      if (hub.code !== 410) return;
      if (!this.delivered && this.from === this.options.resourceVersion) {
        this.stop();
        this.options.onError?.(new ExpiredError(this.kind, this.from ?? ''));
        return;
      }
      this.relisting = true;
      return;
    }
    const version = hub.metadata?.resourceVersion;
    if (type === 'BOOKMARK') {
      if (version) this.from = version;
      return;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
    const object = fromHubObject(this.kind, hub);
    const key = objectKey(object.metadata);
    const previous = this.known.get(key) ?? this.store.before(this.kind, key, version ?? '0');
    if (type === 'DELETED') {
      this.known.delete(key);
      this.store.forget(this.kind, key);
    } else {
      this.known.set(key, object);
      this.store.remember(this.kind, object);
    }
    this.from = version;
    this.deliver(
      type === 'ADDED'
        ? { type, object }
        : {
            type,
            object: type === 'DELETED' ? (previous ?? object) : object,
            ...(previous ? { previous } : {}),
          },
    );
  }

  private deliver(event: WatchEvent<Stored>): void {
    if (this.stopped) return;
    this.delivered = true;
    this.handler(event);
  }

  private async afterEnd(_error: unknown): Promise<void> {
    if (this.stopped) return;
    if (this.relisting) {
      this.relisting = false;
      await this.relist();
      return;
    }
    await this.clock.sleep(this.retryMs);
    await this.connect().catch(() => this.afterEnd(undefined));
  }

  /** After 410 Gone: list, deliver what changed against what this watch knew, watch from the list. */
  private async relist(): Promise<void> {
    // What was known before the list (listing updates the store's memory).
    const knownBefore = new Map([...this.store.rememberedOf(this.kind), ...this.known]);
    const listed = await this.tryList();
    if (!listed) return;
    const present = new Set<string>();
    for (const object of listed.items) {
      const key = objectKey(object.metadata);
      present.add(key);
      const before = knownBefore.get(key);
      this.known.set(key, object);
      if (!before) this.deliver({ type: 'ADDED', object });
      else if (before.metadata.resourceVersion !== object.metadata.resourceVersion)
        this.deliver({ type: 'MODIFIED', object, previous: before });
    }
    for (const [key, before] of knownBefore) {
      if (present.has(key)) continue;
      this.known.delete(key);
      this.store.forget(this.kind, key);
      this.deliver({ type: 'DELETED', object: before, previous: before });
    }
    this.from = listed.resourceVersion;
    await this.connect().catch(() => this.afterEnd(undefined));
  }

  /** Lists, retrying on the clock until it works or the watch is stopped. */
  private async tryList(): Promise<ListResult<Stored> | undefined> {
    while (!this.stopped) {
      try {
        return await this.store.list(this.kind);
      } catch {
        await this.clock.sleep(this.retryMs);
      }
    }
    return undefined;
  }
}

function splitKey(kind: Kind, key: string): { namespace?: string; name: string } {
  if (!HUB_RESOURCES[kind].namespaced) return { name: key };
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

function isMissingNamespace(error: HubRequestError): boolean {
  return error.code === 404 && /^namespaces "[^"]+" not found$/.test(error.message);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (
    value &&
    typeof value === 'object' &&
    !(typeof (value as { toJSON?: unknown }).toJSON === 'function')
  )
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
