import type { Logger } from 'pino';
import type { Clock } from '../contracts/clock';
import { ConflictError } from '../errors/conflict-error';
import { LeadershipLostError } from '../errors/leadership-lost-error';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter';
import { WorkQueue } from './work-queue';

/** What a reconcile asks for next. @public */
export interface ReconcileResult {
  /** Reconcile this key again after this many ms (e.g. a timer the object carries). */
  readonly requeueAfterMs?: number;
}

/**
 * Brings the world in line with the desired state for one key. Must be idempotent: it may run
 * again for the same key at any time, including after a restart. Throwing retries the key with
 * backoff.
 * @public
 */
export interface Reconciler {
  reconcile(key: string): Promise<ReconcileResult | void>;
}

/** Options of a {@link Controller}. @public */
export interface ControllerOptions {
  /** Keys reconciled at once (default 1); a key is never reconciled by two workers at once. */
  readonly workers?: number;
  readonly rateLimiter?: RateLimiter;
  readonly logger?: Logger;
}

/**
 * A reconcile loop: keys go into a {@link WorkQueue}; `workers` loops take keys and reconcile
 * them; failures are retried with the rate limiter's backoff.
 * @public
 */
export class Controller {
  readonly queue: WorkQueue;
  private readonly loops: Promise<void>[] = [];
  private inFlight = 0;

  constructor(
    readonly name: string,
    private readonly reconciler: Reconciler,
    clock: Clock,
    private readonly options: ControllerOptions = {},
  ) {
    const workers = options.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 1)
      throw new RangeError(`${name}: workers must be a whole number ≥ 1, got ${workers}`);
    this.queue = new WorkQueue(clock, options.rateLimiter ?? defaultControllerRateLimiter(clock));
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  enqueueAfter(key: string, delayMs: number): void {
    this.queue.addAfter(key, delayMs);
  }

  /** Whether nothing is queued or being reconciled. */
  isIdle(): boolean {
    // A key handed straight to a waiting worker is out of the queue before the worker resumes.
    return this.queue.len() === 0 && this.queue.numProcessing() === 0 && this.inFlight === 0;
  }

  start(): void {
    const workers = this.options.workers ?? 1;
    for (let i = 0; i < workers; i++) this.loops.push(this.work());
  }

  async stop(): Promise<void> {
    this.queue.shutDown();
    await Promise.all(this.loops.splice(0));
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      this.inFlight++;
      try {
        const result = await this.reconciler.reconcile(key);
        this.queue.forget(key);
        if (result?.requeueAfterMs !== undefined) this.queue.addAfter(key, result.requeueAfterMs);
      } catch (error) {
        if (error instanceof LeadershipLostError) {
          // The new leader owns the key now; retrying here could only fail again.
          this.options.logger?.info(
            { controller: this.name, key, reason: error.message },
            'write refused: this replica no longer leads; dropping the key',
          );
          this.queue.forget(key);
          continue;
        }
        if (error instanceof ConflictError) {
          // Another writer got there first: routine under optimistic concurrency; retried shortly.
          this.options.logger?.debug({ controller: this.name, key }, 'write conflict; retrying');
        } else {
          this.options.logger?.warn(
            { controller: this.name, key, err: error },
            'reconcile failed; retrying with backoff',
          );
        }
        this.queue.addRateLimited(key);
      } finally {
        this.inFlight--;
        this.queue.done(key);
      }
    }
  }
}
