import type { Kind, StateStore, StoredKinds, Unsubscribe, WatchEvent } from '../contracts/state-store';
import { ExpiredError } from '../errors/expired-error';
import { objectKey } from '../model/meta';

/** Reacts to changes of one kind. @public */
export interface InformerHandler<T> {
  onAdd?(object: T): void;
  onUpdate?(object: T, previous: T): void;
  onDelete?(object: T): void;
}

/**
 * A local cache of one kind kept current by list + watch, with change handlers (client-go's
 * shared informer). Controllers read the cache instead of the store on hot paths. When the
 * watch expires (compaction) it lists again and reports the difference as changes.
 * @public
 */
export class Informer<K extends Kind> {
  private readonly cache = new Map<string, StoredKinds[K]>();
  private readonly handlers: InformerHandler<StoredKinds[K]>[] = [];
  private unsubscribe?: Unsubscribe;
  private stopped = false;

  constructor(
    private readonly store: StateStore,
    readonly kind: K,
  ) {}

  addHandler(handler: InformerHandler<StoredKinds[K]>): void {
    this.handlers.push(handler);
  }

  get(key: string): StoredKinds[K] | undefined {
    return this.cache.get(key);
  }

  /** Cached objects, in the order they were first seen. */
  list(): StoredKinds[K][] {
    return [...this.cache.values()];
  }

  get size(): number {
    return this.cache.size;
  }

  /** Lists, fills the cache (calling `onAdd` for each), then follows the watch. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private async relist(): Promise<void> {
    this.unsubscribe?.();
    const { items, resourceVersion } = await this.store.list(this.kind);
    if (this.stopped) return;
    const seen = new Set<string>();
    for (const item of items) {
      const key = objectKey(item.metadata);
      seen.add(key);
      this.apply({ type: this.cache.has(key) ? 'MODIFIED' : 'ADDED', object: item, previous: this.cache.get(key) });
    }
    for (const [key, object] of [...this.cache]) {
      if (!seen.has(key)) this.apply({ type: 'DELETED', object });
    }
    try {
      this.unsubscribe = this.store.watch(this.kind, (event) => this.apply(event), { resourceVersion });
    } catch (error) {
      if (!(error instanceof ExpiredError)) throw error;
      await this.relist();
    }
  }

  private apply(event: WatchEvent<StoredKinds[K]>): void {
    if (this.stopped) return;
    const key = objectKey(event.object.metadata);
    if (event.type === 'DELETED') {
      if (!this.cache.delete(key)) return;
      for (const h of this.handlers) h.onDelete?.(event.object);
      return;
    }
    const previous = this.cache.get(key);
    if (previous && previous.metadata.resourceVersion === event.object.metadata.resourceVersion) return;
    this.cache.set(key, event.object);
    for (const h of this.handlers) {
      if (previous) h.onUpdate?.(event.object, previous);
      else h.onAdd?.(event.object);
    }
  }
}
