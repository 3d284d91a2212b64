import { LeadershipLostError } from '@lifeboat/core';

/**
 * Proof of a leadership term on a `coordination.k8s.io/v1` Lease. Kubernetes has no
 * multi-object transactions, so a fenced write checks, just before it is sent, that the term is
 * still in force on this replica's clock (`validUntil`: the start of the last successful renewal
 * plus the lease duration, less a safety margin; no other replica can take the lease before its
 * own clock has seen the lease unchanged for a full duration) and that the Lease still names
 * this holder in this term (`leaseTransitions`).
 * @public
 */
export interface LeaseFence {
  readonly namespace: string;
  readonly name: string;
  readonly holderIdentity: string;
  readonly leaseTransitions: number;
  /** Clock time (ms) after which this replica must not write as leader. */
  readonly validUntil: number;
}

/**
 * A fixed fence, or a function asked at every write (`() => elector.fence()`) that returns
 * `undefined` while not leading, so writes fail fast.
 * @public
 */
export type LeaseFenceSource = LeaseFence | (() => LeaseFence | undefined);

/**
 * A fenced write was refused: this replica's term on the Lease ended or may have ended. Stop
 * acting as leader; the current leader redoes the work from the stored state.
 * @public
 */
export class LeaseFenceLostError extends LeadershipLostError {
  override readonly name = 'LeaseFenceLostError';

  constructor(
    /** `namespace/name` of the Lease the writer had to hold. */
    readonly lease: string,
    readonly kind: string,
    readonly key: string,
    why: string,
  ) {
    super(
      `${kind} "${key}" was not written: ${why} (Lease ${lease}); stop writing and let the current leader act`,
    );
  }
}
