import type { ConditionStatus, PurgeMode } from '@lifeboat/core';
import type { ScenarioAction } from '../scenario/scenario-schema';

/** Replicas per cluster (clusters with none left out). @public */
export type PlacementMap = Readonly<Record<string, number>>;

/**
 * One entry of the report's timeline. `t` is seconds of virtual time from the start. Entries
 * are ordered by `t`; entries at the same `t` keep the order in which they happened.
 * @public
 */
export type TimelineEntry =
  | {
      readonly t: number;
      readonly type: 'FaultInjected';
      readonly action: ScenarioAction;
      readonly cluster?: string;
      readonly workload?: string;
      readonly taint?: string;
      readonly replicas?: number;
    }
  | {
      readonly t: number;
      readonly type: 'ClusterReadyChanged';
      readonly cluster: string;
      readonly status: ConditionStatus;
      readonly reason: string;
    }
  | {
      readonly t: number;
      readonly type: 'TaintAdded' | 'TaintRemoved';
      readonly cluster: string;
      readonly taint: string;
    }
  | {
      readonly t: number;
      readonly type: 'EvictionStarted';
      readonly workload: string;
      readonly cluster: string;
      readonly purgeMode: PurgeMode;
      readonly reason: string;
    }
  | {
      readonly t: number;
      readonly type: 'EvictionCompleted';
      readonly workload: string;
      readonly cluster: string;
      readonly reason?: string;
    }
  | {
      readonly t: number;
      readonly type: 'Scheduled';
      readonly workload: string;
      readonly placement: PlacementMap;
    }
  | {
      readonly t: number;
      readonly type: 'Unschedulable';
      readonly workload: string;
      readonly message: string;
    }
  | {
      readonly t: number;
      readonly type: 'WorkloadReady';
      readonly workload: string;
      readonly ready: number;
    }
  | {
      readonly t: number;
      /** The eviction guard held (or let go) new evictions in the fleet or a region. */
      readonly type: 'EvictionsPaused' | 'EvictionsResumed';
      readonly scope: 'Fleet' | 'Region';
      readonly region?: string;
      readonly notReady: number;
      readonly clusters: number;
      readonly message: string;
    }
  | {
      readonly t: number;
      /** A return to the placement before a failover started, or finished (the survivors shed their extra copies). */
      readonly type: 'FailbackStarted' | 'FailbackCompleted';
      readonly workload: string;
      readonly placement: PlacementMap;
    };

/** The timeline entry types. @public */
export type TimelineType = TimelineEntry['type'];

/** A span of virtual time `[from, to)`; `to` is the end of the run when it still holds. @public */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** A fault on a cluster and when its Ready condition first left `True` after it. @public */
export interface Detection {
  readonly action: 'fail' | 'degrade';
  readonly at: number;
  /** When Ready left True; absent when it never did before the run ended. */
  readonly detectedAt?: number;
  /** `detectedAt - at`. */
  readonly detectionSeconds?: number;
}

/** A cluster at the end of the run, and its history for charts. @public */
export interface ClusterReport {
  /** The scenario's `region`, when it gave one. */
  readonly region?: string;
  /** The Ready condition's status at the end. */
  readonly ready: ConditionStatus;
  /** Taints at the end, as `key:Effect`, sorted. */
  readonly taints: readonly string[];
  readonly detections: readonly Detection[];
  /** The Ready status over time. */
  readonly readyHistory: readonly (Interval & {
    readonly status: ConditionStatus;
    readonly reason: string;
  })[];
  /** Each taint's presence over time. */
  readonly taintHistory: readonly (Interval & { readonly taint: string })[];
}

/** A sample of one workload's replicas, taken at the end of each instant they changed. @public */
export interface WorkloadSample {
  readonly t: number;
  readonly desired: number;
  /** Ready replicas across the fleet. */
  readonly ready: number;
  /** Running replicas per cluster (ready or not). */
  readonly replicas: PlacementMap;
  /** Ready replicas per cluster. */
  readonly readyByCluster: PlacementMap;
}

/** A workload at the end of the run, and its history for charts. @public */
export interface WorkloadReport {
  /** Replicas asked for at the end. */
  readonly desired: number;
  /** Scheduled replicas per cluster at the end. */
  readonly placement: PlacementMap;
  /** Ready replicas at the end, across the fleet. */
  readonly readyReplicas: number;
  /** Lowest ready count seen after the workload first had `desired` ready replicas; null if it never had. */
  readonly minReadyReplicas: number | null;
  /** Whether the last scheduling attempt found no placement. */
  readonly unschedulable: boolean;
  /** When it first had `desired` ready replicas; null if never. */
  readonly firstReadyAt: number | null;
  /** Seconds it had fewer ready replicas than desired, after it first had them all. */
  readonly secondsShortOfReplicas: number;
  /** Missing ready replicas times the seconds they were missing, after it first had them all. */
  readonly replicaSecondsShort: number;
  readonly series: readonly WorkloadSample[];
}

/**
 * The run report of SCENARIO.md (`lifeboat simulate --json`). Same file and seed give a
 * byte-identical report.
 * @public
 */
export interface SimulationReport {
  readonly scenario: string;
  readonly flavor: string;
  readonly seed: number;
  /** Seconds of virtual time run. */
  readonly duration: number;
  /** The run's figures at a glance, computed from the rest of the report. */
  readonly summary: RunSummary;
  readonly timeline: readonly TimelineEntry[];
  readonly clusters: Readonly<Record<string, ClusterReport>>;
  readonly workloads: Readonly<Record<string, WorkloadReport>>;
}

/** Counts and virtual times of evictions (EvictionStarted paired with its EvictionCompleted). @public */
export interface EvictionSummary {
  readonly started: number;
  /** Of those started, how many completed before the run ended. */
  readonly completed: number;
  /** null when none started. */
  readonly firstStartedAt: number | null;
  readonly lastStartedAt: number | null;
  /** `lastStartedAt - firstStartedAt` (0 when none): how long the eviction rate limit spread them. */
  readonly startSpreadSeconds: number;
  /** null when none completed. */
  readonly lastCompletedAt: number | null;
}

/** How long each cluster of a `fail` or `degrade` group took to leave Ready=True. @public */
export interface DetectionSummary {
  readonly detected: number;
  /** Clusters whose Ready never left True before the run ended. */
  readonly undetected: number;
  /** Seconds from the fault to Ready leaving True; null when none was detected. */
  readonly minSeconds: number | null;
  readonly medianSeconds: number | null;
  readonly maxSeconds: number | null;
}

/** The injected events of one action at one instant, as one fault. @public */
export interface FaultGroupSummary {
  readonly at: number;
  readonly action: ScenarioAction;
  /** What happened, for people: `all 25 clusters of us-east failed`. */
  readonly label: string;
  /** The clusters the events named, sorted. */
  readonly clusters: readonly string[];
  /** The workloads the events named, sorted. */
  readonly workloads: readonly string[];
  /** For `fail` and `degrade`. */
  readonly detection?: DetectionSummary;
  /**
   * For `fail`, `degrade`, `cordon` and `unhealthy`: the evictions that started from the
   * group's clusters after it (each attributed to the latest such group naming its cluster).
   */
  readonly evictions?: EvictionSummary;
}

/** How the workloads fared. @public */
export interface WorkloadsSummary {
  readonly total: number;
  /** Workloads that had fewer ready replicas than desired after first having them all. */
  readonly disrupted: number;
  /** Workloads the scheduler found no placement for at some point. */
  readonly unschedulable: number;
  readonly unschedulableAtEnd: number;
  /** Workloads with fewer ready replicas than desired at the end (including never-ready ones). */
  readonly shortAtEnd: number;
  /** The sum of every workload's `replicaSecondsShort`. */
  readonly replicaSecondsShort: number;
  /**
   * When the last shortfall ended, so every workload had all its replicas ready from then to the
   * end; null when none was disrupted or some workload ended short.
   */
  readonly wholeAgainAt: number | null;
  /** `wholeAgainAt` minus the time of the first injected event; null when either is missing. */
  readonly secondsUntilWhole: number | null;
}

/** The clusters at a glance. @public */
export interface ClustersSummary {
  readonly total: number;
  readonly readyAtEnd: number;
  /**
   * Clusters whose Ready state or taints changed after the start-up instant (t = 0), that an
   * event named, or that were not Ready and untainted throughout; the rest were quiet.
   */
  readonly changed: number;
}

/** The `summary` of a report. @public */
export interface RunSummary {
  /** Injected events grouped by instant and action, in time order. */
  readonly faults: readonly FaultGroupSummary[];
  /** Every eviction of the run. */
  readonly evictions: EvictionSummary;
  readonly workloads: WorkloadsSummary;
  readonly clusters: ClustersSummary;
}
