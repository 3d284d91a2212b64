/** The object does not exist in the store. @public */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';

  constructor(
    readonly kind: string,
    readonly key: string,
  ) {
    super(`${kind} "${key}" not found`);
  }
}
