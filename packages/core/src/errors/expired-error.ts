/**
 * A watch asked to resume from a resource version the store no longer remembers (compacted).
 * List again and watch from the list's version.
 * @public
 */
export class ExpiredError extends Error {
  override readonly name = 'ExpiredError';

  constructor(
    readonly kind: string,
    readonly resourceVersion: string,
  ) {
    super(
      `cannot watch ${kind} from resource version ${resourceVersion}: it has been compacted; list again`,
    );
  }
}
