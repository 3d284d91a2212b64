/** Longest part of a stored value or parser message that an error repeats. */
const EXCERPT_CHARS = 120;

/**
 * A stored value is not a valid object of its kind: not JSON, or JSON of the wrong shape (it was
 * written by hand, by another program, or by a buggy or newer writer). Lists and watches skip
 * such a value and report it (`onCorruptObject`); `get` throws this error, whose message names
 * the key and what is wrong with it, so an operator can delete or repair the key.
 * @public
 */
export class CorruptObjectError extends Error {
  override readonly name = 'CorruptObjectError';

  constructor(
    readonly kind: string,
    /** The etcd key that holds the value, when known. */
    readonly storageKey: string | undefined,
    /** What is wrong with the value, in one short line. */
    readonly reason: string,
  ) {
    super(
      storageKey === undefined
        ? `not a valid ${kind}: ${reason}`
        : `${storageKey} does not hold a valid ${kind}: ${reason}; fix or delete the key (etcdctl del ${storageKey})`,
    );
  }
}

/** At most {@link EXCERPT_CHARS} characters of `text` on one line, marked when cut. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length <= EXCERPT_CHARS
    ? line
    : `${line.slice(0, EXCERPT_CHARS)}… (${line.length} chars)`;
}
