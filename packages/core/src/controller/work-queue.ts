import type { Clock, TimerHandle } from '../contracts/clock';
import type { RateLimiter } from './rate-limiter';

/**
 * A work queue with client-go semantics:
 * - a key added while it waits is queued once (dedup);
 * - a key added while a worker processes it is marked dirty and queued again only after `done`,
 *   so no key is ever processed by two workers at once;
 * - `addAfter` delays an add (the earliest pending delay per key wins);
 * - `addRateLimited` delays by the rate limiter (per-item backoff, overall rate), `forget` resets.
 * Keys come out in the order they became ready.
 * @public
 */
export class WorkQueue<T = string> {
  private readonly queue: T[] = [];
  private head = 0;
  private readonly dirty = new Set<T>();
  private readonly processing = new Set<T>();
  private readonly waiting = new Map<T, { at: number; handle: TimerHandle }>();
  private readonly getters: Array<(item: T | undefined) => void> = [];
  private shuttingDown = false;

  constructor(
    private readonly clock: Clock,
    private readonly rateLimiter?: RateLimiter<T>,
  ) {}

  /** Keys waiting to be processed (not counting delayed or in-flight ones). */
  len(): number {
    return this.queue.length - this.head;
  }

  add(item: T): void {
    if (this.shuttingDown || this.dirty.has(item)) return;
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    this.push(item);
  }

  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    const at = this.clock.now() + delayMs;
    const pending = this.waiting.get(item);
    if (pending && pending.at <= at) return;
    if (pending) this.clock.clearTimeout(pending.handle);
    const handle = this.clock.setTimeout(() => {
      this.waiting.delete(item);
      this.add(item);
    }, delayMs);
    this.waiting.set(item, { at, handle });
  }

  /** Re-adds after the rate limiter's delay (use after a failed attempt). */
  addRateLimited(item: T): void {
    this.addAfter(item, this.rateLimiter ? this.rateLimiter.when(item) : 0);
  }

  /** Clears the item's failure history (use after a successful attempt). */
  forget(item: T): void {
    this.rateLimiter?.forget(item);
  }

  numRequeues(item: T): number {
    return this.rateLimiter?.numRequeues(item) ?? 0;
  }

  /** The next key, waiting if none is ready; `undefined` once the queue shuts down. */
  get(): Promise<T | undefined> {
    if (this.len() > 0) return Promise.resolve(this.take());
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks a key's processing finished; re-queues it if it was added meanwhile. */
  done(item: T): void {
    this.processing.delete(item);
    if (this.dirty.has(item)) this.push(item);
  }

  /** How many keys have been handed out and not yet marked `done`. */
  numProcessing(): number {
    return this.processing.size;
  }

  /** Whether the key is being processed right now. */
  isProcessing(item: T): boolean {
    return this.processing.has(item);
  }

  /** Stops handing out keys: pending `get`s resolve `undefined`, delayed adds are dropped. */
  shutDown(): void {
    this.shuttingDown = true;
    for (const { handle } of this.waiting.values()) this.clock.clearTimeout(handle);
    this.waiting.clear();
    for (const resolve of this.getters.splice(0)) resolve(undefined);
  }

  private push(item: T): void {
    const getter = this.getters.shift();
    if (getter) {
      this.dirty.delete(item);
      this.processing.add(item);
      getter(item);
      return;
    }
    this.queue.push(item);
  }

  private take(): T {
    const item = this.queue[this.head] as T;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.dirty.delete(item);
    this.processing.add(item);
    return item;
  }
}
