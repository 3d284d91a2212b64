/**
 * A write was based on a stale object: the stored resource version differs from the one the
 * writer read. Re-read the object and apply the change again.
 * @public
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';

  constructor(
    readonly kind: string,
    readonly key: string,
    readonly expectedVersion: string,
    readonly actualVersion: string,
  ) {
    super(
      `${kind} "${key}" was modified: the write expected resource version ${expectedVersion} but the store has ${actualVersion}; read it again and retry`,
    );
  }
}
