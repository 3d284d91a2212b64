import type { Binding } from '../model/binding';
import { token } from './token';

/**
 * Applies placements to the member clusters. For each binding the members should run, per
 * cluster, the target replicas plus, for every eviction task that is not `Directly`, the old
 * replicas it keeps (see `desiredReplicasPerCluster`). The actuator reports workload health back
 * by writing `status.aggregatedStatus` on the binding as it changes.
 * @public
 */
export interface Actuator {
  apply(binding: Binding): Promise<void>;
  /** The binding is gone: remove its replicas everywhere. */
  remove(bindingKey: string): Promise<void>;
}

/** @public */
export const ACTUATOR = token<Actuator>('Actuator');
