import type { LabelSelector } from './label-selector';
import type { Toleration } from './toleration';
import type { WorkloadAffinity } from './workload-affinity';

/** A field selector requirement over cluster `provider`, `region` or `zone`. @public */
export interface ClusterFieldSelectorRequirement {
  readonly key: 'provider' | 'region' | 'zone';
  readonly operator: 'In' | 'NotIn';
  readonly values: readonly string[];
}

/**
 * Selects clusters: every given part must hold (names, labels, fields); `exclude` removes names.
 * An empty selector selects every cluster.
 * @public
 */
export interface ClusterSelector {
  readonly clusterNames?: readonly string[];
  readonly exclude?: readonly string[];
  readonly labelSelector?: LabelSelector;
  readonly fieldSelector?: {
    readonly matchExpressions: readonly ClusterFieldSelectorRequirement[];
  };
}

/** A named cluster selector: an overflow tier of an affinity group. @public */
export interface OverflowAffinity extends ClusterSelector {
  readonly affinityName: string;
}

/** An ordered affinity group: try groups in order until one schedules. @public */
export interface ClusterAffinityTerm extends ClusterSelector {
  readonly affinityName: string;
  /**
   * Tiers a divided workload overflows to, in order, when the group's own clusters lack capacity
   * (Karmada `overflowAffinities`): each tier takes what the earlier ones could not hold, and a
   * scale-down shrinks the last tiers first.
   */
  readonly overflowAffinities?: readonly OverflowAffinity[];
}

/** Topology levels replicas can be spread over. @public */
export type SpreadByField = 'cluster' | 'region' | 'zone' | 'provider';

/** Spread replicas over at least `minGroups` and at most `maxGroups` groups of `spreadByField`. @public */
export interface SpreadConstraint {
  readonly spreadByField?: SpreadByField;
  readonly spreadByLabel?: string;
  readonly minGroups?: number;
  readonly maxGroups?: number;
}

/** A static weight for the clusters a selector matches. @public */
export interface StaticWeightRule {
  readonly targetCluster: ClusterSelector;
  readonly weight: number;
}

/**
 * How replicas are placed on the chosen clusters:
 * - `Duplicated`: every chosen cluster runs all replicas;
 * - `Divided` + `Weighted` + `staticWeightList`: split by static weights;
 * - `Divided` + `Weighted` + `dynamicWeight: AvailableReplicas`: split by free capacity;
 * - `Divided` + `Aggregated`: as few clusters as capacity allows.
 * @public
 */
export type ReplicaScheduling =
  | { readonly type: 'Duplicated' }
  | { readonly type: 'Divided'; readonly division: 'Aggregated' }
  | {
      readonly type: 'Divided';
      readonly division: 'StaticWeight';
      readonly staticWeightList: readonly StaticWeightRule[];
    }
  | {
      readonly type: 'Divided';
      readonly division: 'DynamicWeight';
      readonly dynamicWeight: 'AvailableReplicas';
    };

/**
 * Where a workload may run and how its replicas are divided: the flavour-neutral placement that
 * Karmada `placement` and Clusternet `subscription` shapes are parsed into.
 * @public
 */
export interface Placement {
  /** Candidate clusters: a cluster qualifies when any selector matches (none: every cluster). */
  readonly clusterAffinity?: readonly ClusterSelector[];
  /** Ordered fallback groups (Karmada `clusterAffinities`); used instead of `clusterAffinity`. */
  readonly clusterAffinities?: readonly ClusterAffinityTerm[];
  readonly clusterTolerations?: readonly Toleration[];
  readonly spreadConstraints?: readonly SpreadConstraint[];
  readonly replicaScheduling: ReplicaScheduling;
  /** Minimum number of clusters to choose (Clusternet subgroup `minClusters`). */
  readonly minClusters?: number;
  /** Rules between this workload and others (Karmada `workloadAffinity`). */
  readonly workloadAffinity?: WorkloadAffinity;
}
