import { LeadershipLostError } from '@lifeboat/core';
/**
 * A fenced write was refused because the writer no longer holds the leadership its fence names
 * (its lease expired or was revoked and another replica may lead now). Stop acting as leader;
 * the current leader redoes the work from the stored state.
 * @public
 */
export class FenceLostError extends LeadershipLostError {
  override readonly name = 'FenceLostError';

  constructor(
    /** The election key the writer had to hold. */
    readonly fenceKey: string,
    readonly kind: string,
    readonly key: string,
  ) {
    super(
      `${kind} "${key}" was not written: this writer no longer holds the leadership key ${fenceKey}; stop writing and let the current leader act`,
    );
  }
}
