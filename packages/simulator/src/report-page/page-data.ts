import type { RunSummary } from '../report/simulation-report';

/** A value that holds from `from` until `to` (seconds of virtual time). @public */
export interface Band {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/** A step curve: `[t, value]` points, each value holding until the next point. @public */
export type Steps = readonly (readonly [number, number])[];

/** One workload's curves: points are `[t, value]` steps, `t` in seconds. @public */
export interface WorkloadCurves {
  readonly name: string;
  readonly desired: number;
  readonly ready: Steps;
  /** Replicas per cluster over time. */
  readonly replicas: Readonly<Record<string, Steps>>;
}

/**
 * Clusters whose Ready and taint bands were identical (a region failing at once), drawn as one
 * row group. @public
 */
export interface ClusterBands {
  /** The clusters with these bands, in name order. */
  readonly names: readonly string[];
  /** Ready status bands (`True`, `False`, `Unknown`). */
  readonly ready: readonly Band[];
  /** One band per period a taint (`key:Effect`) was on the cluster. */
  readonly taints: readonly Band[];
}

/** One row of the list of every workload. @public */
export interface WorkloadRow {
  readonly name: string;
  readonly desired: number;
  /** Ready replicas at the end. */
  readonly ready: number;
  readonly minReady: number | null;
  readonly secondsShort: number;
  readonly replicaSecondsShort: number;
  readonly unschedulable: boolean;
}

/** The fleet-wide curves. @public */
export interface FleetCurves {
  /** Ready replicas over the whole fleet. */
  readonly ready: Steps;
  /** Desired replicas over the whole fleet. */
  readonly desired: Steps;
  /** Ready replicas per region, when the clusters are in more than one. */
  readonly readyByRegion: Readonly<Record<string, Steps>>;
  /** Ready replicas as a percentage of desired per namespace, when there is more than one. */
  readonly readyPercentByNamespace: Readonly<Record<string, Steps>>;
  /** How many clusters had each Ready status (`True`, `False`, `Unknown`) over time. */
  readonly clusterStatus: Readonly<Record<string, Steps>>;
  /** Evictions started and completed per interval of `bucketSeconds`, from t = 0. */
  readonly evictions: {
    readonly bucketSeconds: number;
    readonly started: readonly number[];
    readonly completed: readonly number[];
  };
}

/** Everything the report page shows. @public */
export interface ReportPageData {
  readonly title: string;
  readonly flavor: string;
  readonly seed: number;
  /** Seconds of virtual time the run covered. */
  readonly duration: number;
  readonly summary: RunSummary;
  /**
   * One marker per fault group: `label` is short for the charts (`1 fail`, numbered as the
   * summary lists them), `title` says it in full.
   */
  readonly faults: readonly {
    readonly t: number;
    readonly label: string;
    readonly title: string;
  }[];
  readonly fleet: FleetCurves;
  /** Workloads charted one by one, the most disrupted (replica-seconds short) first. */
  readonly workloads: readonly WorkloadCurves[];
  /** Every workload, for the searchable list, most disrupted first. */
  readonly workloadRows: readonly WorkloadRow[];
  /** Clusters that changed after start-up, grouped where their bands were identical. */
  readonly clusters: readonly ClusterBands[];
  /** Clusters that were Ready with no taints for the whole run, in name order. */
  readonly quietClusters: readonly string[];
}
