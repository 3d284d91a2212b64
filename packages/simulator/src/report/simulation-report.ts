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
  readonly timeline: readonly TimelineEntry[];
  readonly clusters: Readonly<Record<string, ClusterReport>>;
  readonly workloads: Readonly<Record<string, WorkloadReport>>;
}
