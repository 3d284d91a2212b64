import {
  WiringError,
  type AssignContext,
  type AssignResult,
  type Binding,
  type Cluster,
  type CycleState,
  type EnabledPlugin,
  type ScoredCluster,
  type SchedulerPlugin,
  type Status,
  type TargetCluster,
} from '@lifeboat/core';

/**
 * Clusternet's extension points in the order a cycle runs them. `preFilter`, `filter`,
 * `preScore`, `score` and `reserve` are core's and run by core's scheduler; the others are
 * defined here and run by this package (predict points by the predictor capacity estimator,
 * assign and bind points by the Clusternet scheduling strategy). Profiles name them as keys of
 * `plugins`.
 * @public
 */
export const CLUSTERNET_EXTENSION_POINTS = [
  'preFilter',
  'filter',
  'prePredict',
  'predict',
  'preScore',
  'score',
  'preAssign',
  'assign',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
] as const;

/** A Clusternet extension point name. @public */
export type ClusternetExtensionPoint = (typeof CLUSTERNET_EXTENSION_POINTS)[number];

/**
 * Runs once per cycle before prediction, for dynamic dividing only, over the feasible clusters.
 * `Skip` turns off this plugin's `predict` for the cycle; any other non-success aborts the
 * prediction (every cluster is then left unpredicted).
 * @public
 */
export interface PrePredictPlugin extends SchedulerPlugin {
  prePredict(
    state: CycleState,
    binding: Binding,
    clusters: readonly Cluster[],
  ): Status | Promise<Status>;
  /** As {@link PredictPlugin.equivalenceKey}: without it, no binding's predictions are shared. */
  equivalenceKey?(binding: Binding): string | undefined;
}

/** What one predict call found. @public */
export interface PredictResult {
  readonly status: Status;
  /** Replicas of the binding the cluster can still accept; set with a success status. */
  readonly maxAvailableReplicas?: number;
}

/**
 * How many more replicas one cluster can accept (dynamic dividing only). Several plugins: the
 * minimum counts, and a non-success from any of them leaves the cluster unpredicted whatever the
 * others answered (Clusternet's `mergeFeedReplicas`; Clusternet then fails the cycle, here the
 * dynamic assigner treats the cluster as able to take every replica asked).
 * @public
 */
export interface PredictPlugin extends SchedulerPlugin {
  predict(state: CycleState, binding: Binding, cluster: Cluster): Promise<PredictResult>;
  /**
   * Optional: names everything of the binding the prediction depends on (e.g. the per-replica
   * request), so bindings with equal keys share one prediction per cluster object (a cluster's
   * new status asks again), as capacity estimators' answers are shared. Without it (or
   * `undefined`) every binding asks.
   */
  equivalenceKey?(binding: Binding): string | undefined;
}

/**
 * Runs once before assignment, for dividing only, with the selected clusters (score order) and
 * their predicted capacities. Non-success makes the binding unschedulable (`Error` aborts).
 * @public
 */
export interface PreAssignPlugin extends SchedulerPlugin {
  preAssign(
    state: CycleState,
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): Status;
}

/**
 * Divides the replicas over the selected clusters (dividing only). Plugins run in order and the
 * first that does not return a `Skip` status wins; when all skip the binding is unschedulable.
 * @public
 */
export interface AssignPlugin extends SchedulerPlugin {
  assign(
    state: CycleState,
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult;
}

/**
 * Allows or rejects the placement before it is bound. Success allows; a rejection makes the
 * binding unschedulable this cycle. (Clusternet's `Wait` is not offered: core's status set has
 * no waiting state.)
 * @public
 */
export interface PermitPlugin extends SchedulerPlugin {
  permit(state: CycleState, binding: Binding, placement: readonly TargetCluster[]): Status;
}

/** Prepares the binding before it is bound; non-success makes it unschedulable this cycle. @public */
export interface PreBindPlugin extends SchedulerPlugin {
  preBind(state: CycleState, binding: Binding, placement: readonly TargetCluster[]): Status;
}

/** What a bind plugin returns: its verdict and, on success, the target list to write. @public */
export interface BindResult {
  readonly status: Status;
  readonly clusters?: readonly TargetCluster[];
}

/**
 * Turns the placement into the target list core writes on the binding. The first plugin that
 * does not return `Skip` wins; at least one bind plugin must be enabled.
 * @public
 */
export interface BindPlugin extends SchedulerPlugin {
  bind(state: CycleState, binding: Binding, placement: readonly TargetCluster[]): BindResult;
}

/** Told about every successful bind; informational, cannot fail. @public */
export interface PostBindPlugin extends SchedulerPlugin {
  postBind(state: CycleState, binding: Binding, placement: readonly TargetCluster[]): void;
}

/** The method each point defined here calls. @public */
export const CLUSTERNET_POINT_METHODS: Readonly<Record<string, string>> = {
  prePredict: 'prePredict',
  predict: 'predict',
  preAssign: 'preAssign',
  assign: 'assign',
  permit: 'permit',
  preBind: 'preBind',
  bind: 'bind',
  postBind: 'postBind',
};

/**
 * Checks that every plugin a profile enables at a point defined here has that point's method
 * (core checks only its own points), so a wrong profile fails when the scheduler is built rather
 * than in the middle of a cycle.
 * @throws WiringError naming the plugin, the point and the missing method.
 * @public
 */
export function assertClusternetPoints(points: {
  pluginsAt(point: string): readonly EnabledPlugin[];
}): void {
  for (const [point, method] of Object.entries(CLUSTERNET_POINT_METHODS)) {
    for (const { plugin } of points.pluginsAt(point)) {
      if (typeof (plugin as unknown as Record<string, unknown>)[method] !== 'function') {
        throw new WiringError(
          `plugin "${plugin.name}" is enabled at ${point} but has no ${method}() method; remove it from that point of the profile`,
        );
      }
    }
  }
}
