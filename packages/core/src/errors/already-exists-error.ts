/** A create named an object that already exists. @public */
export class AlreadyExistsError extends Error {
  override readonly name = 'AlreadyExistsError';

  constructor(
    readonly kind: string,
    readonly key: string,
  ) {
    super(`${kind} "${key}" already exists`);
  }
}
