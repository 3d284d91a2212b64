import type { PlacementMap } from '../report/simulation-report';

/**
 * Amounts of each resource the fleet models (`cpu` in cores, `memory` in bytes, `pods` and any
 * other resource in its own units), as plain numbers so tools and charts can read them.
 * @public
 */
export type ResourceAmounts = Readonly<Record<string, number>>;

/** Where one workload's replicas end up once the failed clusters are gone. @public */
export interface WhatIfWorkload {
  /** Replicas asked for. */
  readonly desired: number;
  /** Scheduled replicas per cluster once the fleet has settled (clusters with none left out). */
  readonly placement: PlacementMap;
  /** Ready replicas once the fleet has settled. */
  readonly ready: number;
  /** Whether the scheduler's last attempt found no placement. */
  readonly unschedulable: boolean;
  /** `desired - ready` (never below 0): how many replicas the fleet could not keep running. */
  readonly shortBy: number;
}

/** One cluster once the fleet has settled. @public */
export interface WhatIfCluster {
  /** The cluster is one of those the question failed. */
  readonly failed: boolean;
  readonly region?: string;
  /** What the cluster has (its scenario `capacity`; `{}` when the fleet models none). */
  readonly capacity: ResourceAmounts;
  /** What the replicas running there request, one pod slot each. */
  readonly requested: ResourceAmounts;
  /**
   * `capacity - requested` for each resource in `capacity` (negative when it is overcommitted);
   * null for a failed cluster, which offers no room at all.
   */
  readonly headroom: ResourceAmounts | null;
}

/**
 * The answer of {@link runWhatIf}: the end state of a simulation of the scenario's fleet and
 * workloads (not its events) in which the failed clusters fail at `failedAt`. Times are seconds
 * of virtual time from the start of that simulation.
 * @public
 */
export interface WhatIfAnswer {
  readonly scenario: string;
  readonly flavor: string;
  readonly seed: number;
  /** The clusters that failed, sorted. */
  readonly failed: readonly string[];
  /** When they failed. */
  readonly failedAt: number;
  /** When the simulation ended: the state below is the state at this instant. */
  readonly until: number;
  /** When the last change after the failure happened (a taint, an eviction, a placement, a replica becoming ready). */
  readonly lastChangeAt: number;
  /**
   * Whether nothing changed in the second half of the time after the failure: false means the
   * controllers were still at work when the simulation ended (raise the horizon).
   */
  readonly settled: boolean;
  /** By workload key `namespace/name`, sorted. */
  readonly workloads: Readonly<Record<string, WhatIfWorkload>>;
  /** By cluster name, sorted. */
  readonly clusters: Readonly<Record<string, WhatIfCluster>>;
}
