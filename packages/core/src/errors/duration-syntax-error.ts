import { excerpt } from '../validation/excerpt';

/**
 * A duration string that Go's `time.ParseDuration` would refuse, or one finer than Lifeboat's
 * millisecond resolution. `reason` says what is wrong without repeating the input; the message
 * quotes a short excerpt of it.
 * @public
 */
export class DurationSyntaxError extends Error {
  override readonly name = 'DurationSyntaxError';

  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid duration ${excerpt(input)}: ${reason}`);
  }
}
