/** A value that holds from `from` until `to` (seconds of virtual time). @public */
export interface Band {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/** One workload's curves: points are `[t, value]` steps, `t` in seconds. @public */
export interface WorkloadCurves {
  readonly name: string;
  readonly desired: number;
  readonly ready: readonly (readonly [number, number])[];
  /** Replicas per cluster over time. */
  readonly replicas: Readonly<Record<string, readonly (readonly [number, number])[]>>;
}

/** One cluster's state bands on the time axis. @public */
export interface ClusterBands {
  readonly name: string;
  /** Ready status bands (`True`, `False`, `Unknown`). */
  readonly ready: readonly Band[];
  /** One band per period a taint (`key:Effect`) was on the cluster. */
  readonly taints: readonly Band[];
}

/** Everything the report page shows. @public */
export interface ReportPageData {
  readonly title: string;
  readonly flavor: string;
  readonly seed: number;
  /** Seconds of virtual time the run covered. */
  readonly duration: number;
  readonly faults: readonly { readonly t: number; readonly label: string }[];
  readonly workloads: readonly WorkloadCurves[];
  /** Workloads left out of the page to keep it light (the least disturbed ones). */
  readonly omittedWorkloads: number;
  readonly clusters: readonly ClusterBands[];
}
