import type { Informer } from '../controller/informer';
import type { Binding, TargetCluster } from '../model/binding';
import { token } from './token';

/**
 * What scheduler plugins and the failover controllers may ask about a binding's workload groups
 * (`spec.workloadAffinityGroups`, scoped to its namespace), from the placements of the other
 * bindings as the control plane last wrote or decided them.
 * @public
 */
export interface WorkloadGroupView {
  /** The other bindings of the binding's affinity group, by key order (none without a group). */
  affinityPeers(binding: Binding): readonly Binding[];
  /**
   * Where the affinity group already runs: the clusters every placed peer targets, a peer's
   * targets on clusters the group is leaving not counted. `undefined` when no peer is placed,
   * so the binding chooses for its group (the first of a group is never held back).
   */
  affinityClusters(binding: Binding): ReadonlySet<string> | undefined;
  /** The clusters the other bindings of the binding's anti-affinity group target. */
  antiAffinityClusters(binding: Binding): ReadonlySet<string>;
  /** The clusters any binding of the affinity group (this one included) has an open eviction task from. */
  leavingClusters(binding: Binding): ReadonlySet<string>;
}

/**
 * The index behind {@link WorkloadGroupView}: the failover manager feeds it from its binding
 * informer, and the scheduler tells it a placement before the store hands the write back (so a
 * group's next workload follows a decision the informer has not delivered yet).
 * @public
 */
export interface WorkloadGroupIndex extends WorkloadGroupView {
  /** Keeps the index current from `informer` (call once, before the informer starts). */
  follow(informer: Informer<'Binding'>): void;
  /** Counts `clusters` as the binding's placement until a newer version of it arrives. */
  assume(binding: Binding, clusters: readonly TargetCluster[]): void;
}

/** The container's workload group index (one per container, from `registerCore`). @public */
export const WORKLOAD_GROUPS = token<WorkloadGroupIndex>('WorkloadGroups');
