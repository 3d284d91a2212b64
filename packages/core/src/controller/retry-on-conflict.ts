import { ConflictError } from '../errors/conflict-error';

/** Options of {@link retryOnConflict}. @public */
export interface RetryOnConflictOptions {
  /** Attempts in all, the first included (default 5, as client-go's `DefaultRetry`). */
  readonly attempts?: number;
  /** Other errors that mean "read again and retry" (e.g. `AlreadyExistsError` for create-or-update). */
  readonly alsoRetry?: (error: unknown) => boolean;
}

/**
 * Runs a read-modify-write until it does not lose an optimistic-concurrency race (client-go's
 * `retry.RetryOnConflict`). `write` must read the object afresh on every attempt. Retries at once:
 * a conflict means someone else just wrote, not that the store is busy. Other errors, and the
 * last conflict, are thrown.
 * @public
 */
export async function retryOnConflict<T>(
  write: () => Promise<T>,
  options: RetryOnConflictOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const retriable = error instanceof ConflictError || (options.alsoRetry?.(error) ?? false);
      if (!retriable || attempt >= attempts) throw error;
    }
  }
}
