import type { ObjectMeta } from './meta';

/** A coordination lease (heartbeats, leader election), as Kubernetes `Lease`. @public */
export interface Lease {
  readonly kind?: 'Lease';
  readonly metadata: ObjectMeta;
  readonly spec: {
    readonly holderIdentity?: string;
    readonly leaseDurationSeconds: number;
    /** ms since the epoch. */
    readonly acquireTime?: number;
    /** ms since the epoch. */
    readonly renewTime?: number;
    readonly leaseTransitions?: number;
  };
}
