import 'reflect-metadata';

export * from './tokens';
export { multiToken, token, type MultiToken, type Token } from './contracts/token';
export { register, registerAll, type Provider } from './di/register';
export { resolve, resolveAll } from './di/resolve';

// Model
export { Quantity } from './model/quantity';
export {
  ResourceName,
  addResources,
  parseResourceList,
  replicasThatFit,
  sameResources,
  scaleResources,
  subtractResources,
  type ResourceList,
} from './model/resources';
export {
  TAINT_EFFECTS,
  describeTaint,
  formatTaint,
  sameTaint,
  type Taint,
  type TaintEffect,
} from './model/taint';
export {
  findUntoleratedTaint,
  matchingTolerations,
  minTolerationSeconds,
  tolerates,
  type Toleration,
  type TolerationOperator,
} from './model/toleration';
export {
  matchesLabelSelector,
  matchesRequirement,
  type LabelSelector,
  type LabelSelectorOperator,
  type LabelSelectorRequirement,
} from './model/label-selector';
export {
  READY_CONDITION,
  findCondition,
  sameCondition,
  setCondition,
  type Condition,
  type ConditionStatus,
} from './model/condition';
export { objectKey, type ObjectMeta } from './model/meta';
export {
  instantiateAffinityGroups,
  type WorkloadAffinity,
  type WorkloadAffinityGroups,
  type WorkloadAffinityTerm,
} from './model/workload-affinity';
export { matchesClusterSelector } from './model/cluster-selector';
export {
  clusterReadyStatus,
  type Cluster,
  type ClusterSpec,
  type ClusterStatus,
  type ClusterSyncMode,
} from './model/cluster';
export type {
  ClusterAffinityTerm,
  OverflowAffinity,
  ClusterFieldSelectorRequirement,
  ClusterSelector,
  Placement,
  ReplicaScheduling,
  SpreadByField,
  SpreadConstraint,
  StaticWeightRule,
} from './model/placement';
export {
  PURGE_MODES,
  assignedReplicas,
  evictingClusters,
  targetOf,
  type AggregatedStatusItem,
  type Binding,
  type BindingSpec,
  type BindingStatus,
  type EvictionTask,
  type FailbackRecord,
  type FailoverBehavior,
  type PurgeMode,
  type TargetCluster,
  type WorkloadHealth,
  type WorkloadReference,
} from './model/binding';
export type { Lease } from './model/lease';

// Contracts
export type { Actuator } from './contracts/actuator';
export type { CapacityEstimator } from './contracts/capacity-estimator';
export type { Clock, TimerHandle } from './contracts/clock';
export type {
  EventRecorder,
  EventRecorderDecorator,
  LifeboatEvent,
} from './contracts/event-recorder';
export type {
  EvictionPass,
  FailoverObserver,
  ScheduleAttempt,
} from './contracts/failover-observer';
export type {
  EvictionDecision,
  EvictionOrder,
  EvictionPolicy,
  TaskReview,
} from './contracts/eviction-policy';
export type { DisruptionScope, EvictionGuard, GuardTransition } from './contracts/eviction-guard';
export type { FailbackPolicy } from './contracts/failback-policy';
export type { HealthDetector, HealthObservation } from './contracts/health-detector';
export type { LeaderElector } from './contracts/leader-elector';
export {
  EXTENSION_POINTS,
  MAX_CLUSTER_SCORE,
  MAX_POST_FILTER_ROUNDS,
  MIN_CLUSTER_SCORE,
  type ClusterScore,
  type EquivalenceHints,
  type FilterPlugin,
  type FrameworkHandle,
  type PluginPosition,
  type PluginRegistration,
  type PostFilterPlugin,
  type PostFilterContext,
  type PostFilterResult,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ReservePlugin,
  type SchedulerPlugin,
  type ScorePlugin,
  type StandardExtensionPoint,
} from './contracts/scheduler-plugins';
export type {
  AssignContext,
  AssignResult,
  ScoredCluster,
  SchedulingStrategy,
} from './contracts/scheduling-strategy';
export type {
  Kind,
  ListResult,
  StateStore,
  StoredKinds,
  Unsubscribe,
  WatchEvent,
  WatchEventType,
  WatchOptions,
} from './contracts/state-store';
export type { TaintChange, Tainter } from './contracts/tainter';

// Errors and validation
export {
  AlreadyExistsError,
  ConflictError,
  DurationSyntaxError,
  ExpiredError,
  LeadershipLostError,
  NotFoundError,
  ValidationError,
  WiringError,
  formatIssue,
  type FieldIssue,
} from './errors';
export { checkWith, formatPath, parseWith, zodIssues } from './validation/parse';
export { closest, didYouMean } from './validation/closest';
export { excerpt } from './validation/excerpt';
export {
  MAX_TIMER_DELAY_MS,
  MIN_PERIOD_MS,
  formatDuration,
  parseDuration,
} from './duration/parse-duration';
export { durationSchema, parseDurationAt, type DurationBounds } from './duration/duration-schema';
export { featureGatesSchema, type FeatureSpec } from './features/feature-gates';

// Runtimes
export { VirtualClock } from './clock/virtual-clock';
export { RealClock } from './clock/real-clock';
export { InMemoryStateStore, type InMemoryStateStoreOptions } from './store/in-memory-state-store';
export { RESOURCE_LIST_PATHS, reviveQuantities } from './store/revive-quantities';
export { deepFreeze } from './store/deep-freeze';
export { WorkQueue } from './controller/work-queue';
export {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
  type RateLimiter,
} from './controller/rate-limiter';
export { TokenBucket } from './controller/token-bucket';
export { retryOnConflict, type RetryOnConflictOptions } from './controller/retry-on-conflict';
export {
  Controller,
  type ControllerOptions,
  type ReconcileResult,
  type Reconciler,
} from './controller/controller';
export { Informer, type InformerHandler, type InformerOptions } from './controller/informer';
export { Status, type StatusCode } from './scheduler/status';
export { CycleState, PLACEMENT_GROUP, stateKey, type StateKey } from './scheduler/cycle-state';
export {
  mergeProfiles,
  parseSchedulerProfile,
  profileSchemaFor,
  schedulerProfileOverridesSchema,
  schedulerProfileSchema,
  type PluginSet,
  type PluginSetEntry,
  type SchedulerProfile,
} from './scheduler/profile';
export {
  SchedulerFramework,
  type EquivalenceKeys,
  type PreFilterOutcome,
} from './scheduler/framework';
export type { EnabledPlugin } from './scheduler/enabled-plugins';
export {
  CLUSTER_EVICTION,
  ClusterEviction,
  REASON_CLUSTER_EVICTING,
  clusterEvictionRegistration,
} from './scheduler/plugins/cluster-eviction';
export { expectNoArgs } from './scheduler/no-args';
export {
  filterByAffinityGroup,
  filterByAntiAffinityGroup,
  workloadGroupEquivalenceKey,
  type WorkloadGroupRejections,
} from './scheduler/plugins/workload-group-filters';
export { FitError, type ClusterRejection } from './scheduler/fit-error';
export { Scheduler, type ScheduleResult, type SchedulerOptions } from './scheduler/scheduler';
export { ASSUMED_REPLICAS_TTL_MS, AssumedReplicas } from './scheduler/assumed-replicas';
export type { BindingScheduler } from './scheduler/scheduler-token';
export { structuralKey } from './scheduler/structural-key';
export { FailoverManager } from './failover/failover-manager';
export type { FailoverManagerOptions } from './failover/failover-manager-options';
export { ClusterHealthController } from './failover/cluster-health-controller';
export { ClusterTaintController } from './failover/cluster-taint-controller';
export { EvictionController } from './failover/eviction-controller';
export {
  DEFAULT_UNHEALTHY_CLUSTER_THRESHOLD,
  MIN_UNHEALTHY_CLUSTERS,
  MassFailureGuard,
  type MassFailureGuardOptions,
} from './failover/mass-failure-guard';
export { FailbackController } from './failback/failback-controller';
export { SCHEDULED_CONDITION, SchedulingController } from './failover/scheduling-controller';
export { ActuationController } from './failover/actuation-controller';
export { BindingsByCluster } from './failover/binding-index';
export { desiredReplicasPerCluster } from './failover/desired-replicas';
export { isPlacementHealthy } from './failover/placement-health';
export { WorkloadGroups } from './failover/workload-groups';
export { GroupScheduler } from './failover/group-scheduler';
export {
  GroupEvictionPolicy,
  REASON_GROUP_LEAVING,
  WORKLOAD_GROUP_PRODUCER,
} from './failover/group-eviction-policy';
export { type WorkloadGroupIndex, type WorkloadGroupView } from './contracts/workload-groups';
export {
  aggregatedStatusFor,
  reportWorkloadStatus,
  type MemberWorkload,
} from './failover/workload-status-report';
export { AlwaysLeader } from './failover/always-leader';
export {
  LoggingEventRecorder,
  MemoryEventRecorder,
  silentLogger,
} from './observability/event-recorders';
export { registerCore, type CoreOptions } from './register-core';
