import type { Logger } from 'pino';
import type { Clock } from '../contracts/clock';
import type {
  Kind,
  StateStore,
  StoredKinds,
  Unsubscribe,
  WatchEvent,
} from '../contracts/state-store';
import { ExpiredError } from '../errors/expired-error';
import { objectKey } from '../model/meta';

/** Reacts to changes of one kind. @public */
export interface InformerHandler<T> {
  onAdd?(object: T): void;
  onUpdate?(object: T, previous: T): void;
  onDelete?(object: T): void;
}

/** Options of an {@link Informer}. @public */
export interface InformerOptions {
  /** Paces relists after a watch failure (without it a failed relist is not retried). */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const RELIST_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/**
 * A local cache of one kind kept current by list + watch, with change handlers (client-go's
 * shared informer). Controllers read the cache instead of the store on hot paths. When the
 * watch expires (compaction) or ends by itself (a store across a network lost its connection)
 * it lists again, retrying with backoff on the clock, and reports the difference as changes.
 * @public
 */
export class Informer<K extends Kind> {
  private readonly cache = new Map<string, StoredKinds[K]>();
  private readonly handlers: InformerHandler<StoredKinds[K]>[] = [];
  private unsubscribe?: Unsubscribe;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly store: StateStore,
    readonly kind: K,
    private readonly options: InformerOptions = {},
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
      this.apply({
        type: this.cache.has(key) ? 'MODIFIED' : 'ADDED',
        object: item,
        previous: this.cache.get(key),
      });
    }
    for (const [key, object] of [...this.cache]) {
      if (!seen.has(key)) this.apply({ type: 'DELETED', object });
    }
    try {
      this.unsubscribe = this.store.watch(this.kind, (event) => this.apply(event), {
        resourceVersion,
        onError: (error) => this.recover(error),
      });
      this.failures = 0;
    } catch (error) {
      if (!(error instanceof ExpiredError)) throw error;
      await this.relist();
    }
  }

  /** The watch ended by itself: list again, backing off while the store stays unreachable. */
  private recover(error: Error): void {
    if (this.stopped) return;
    this.options.logger?.warn({ kind: this.kind, err: error }, 'watch ended; listing again');
    this.relist().catch((relistError: unknown) => {
      const clock = this.options.clock;
      if (this.stopped || !clock) {
        this.options.logger?.error({ kind: this.kind, err: relistError }, 'relist failed');
        return;
      }
      const delay = RELIST_BACKOFF_MS[
        Math.min(this.failures++, RELIST_BACKOFF_MS.length - 1)
      ] as number;
      clock.setTimeout(
        () =>
          this.recover(relistError instanceof Error ? relistError : new Error(String(relistError))),
        delay,
      );
    });
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
    if (previous && previous.metadata.resourceVersion === event.object.metadata.resourceVersion)
      return;
    this.cache.set(key, event.object);
    for (const h of this.handlers) {
      if (previous) h.onUpdate?.(event.object, previous);
      else h.onAdd?.(event.object);
    }
  }
}
