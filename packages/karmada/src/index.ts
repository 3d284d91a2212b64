import 'reflect-metadata';

// Composition
export {
  registerKarmada,
  registerKarmadaEviction,
  registerKarmadaHealth,
  registerKarmadaOptions,
  registerKarmadaScheduling,
  registerKarmadaTaints,
} from './register';
export { CLUSTER_PROBER, KARMADA_METRICS, KARMADA_OPTIONS } from './tokens';
export { KARMADA_FEATURE_GATES } from './feature-gates';
export {
  karmadaOptionsSchema,
  parseKarmadaOptions,
  type KarmadaOptions,
  type KarmadaOptionsInput,
} from './options';
export { BINDING_EVICTION_QUEUE, KarmadaMetrics } from './metrics';

// API shapes
export { parseFailover, parsePlacement } from './api/parse-policy';
export { placementSchema } from './api/placement-schema';
export {
  DEFAULT_APPLICATION_GRACE_PERIOD_SECONDS,
  DEFAULT_APPLICATION_TOLERATION_SECONDS,
  failoverSchema,
} from './api/failover-schema';
export { clusterAffinitySchema } from './api/cluster-affinity-schema';
export { clusterTaintPolicySchema } from './api/cluster-taint-policy-schema';

// Health
export type { ClusterProber, ProbeResult } from './health/cluster-prober';
export {
  HttpClusterProber,
  type HttpClusterProberOptions,
  type ProbeCredentials,
} from './health/http-cluster-prober';
export {
  REASON_CLUSTER_NOT_REACHABLE,
  REASON_CLUSTER_NOT_READY,
  REASON_CLUSTER_READY,
  REASON_CLUSTER_STATUS_NEVER_UPDATED,
  REASON_CLUSTER_STATUS_UNKNOWN,
  observedReadyCondition,
} from './health/ready-condition';
export { ThresholdAdjuster } from './health/threshold-adjuster';
export {
  CLUSTER_LEASE_NAMESPACE,
  ClusterWatchdog,
  type ClusterWatchdogOptions,
} from './health/cluster-watchdog';
export {
  KarmadaHealthDetector,
  type KarmadaHealthDetectorOptions,
  type LeaseReader,
  type ReadyListener,
} from './health/karmada-health-detector';

// Taints
export {
  TAINT_CLUSTER_NOT_READY,
  TAINT_CLUSTER_UNREACHABLE,
  TAINT_CLUSTER_UNSCHEDULABLE,
} from './taints/taint-keys';
export type {
  ClusterTaintPolicy,
  MatchCondition,
  PolicyTaint,
} from './taints/cluster-taint-policy';
export { DEFAULT_TAINT_POLICIES } from './taints/default-taint-policy';
export {
  evaluateTaintPolicy,
  sortTaintPolicies,
  type PolicyVerdict,
} from './taints/taint-policy-evaluator';
export { ConditionTainter } from './taints/condition-tainter';
export { KarmadaTainter } from './taints/karmada-tainter';

// Eviction
export {
  EVICTION_PRODUCER_APPLICATION_FAILOVER,
  EVICTION_PRODUCER_TAINT_MANAGER,
  EVICTION_REASON_APPLICATION_FAILURE,
  EVICTION_REASON_TAINT_UNTOLERATED,
  REVIEW_REASON_DELETION_UNSUPPRESSED,
  REVIEW_REASON_GRACE_PERIOD_EXPIRED,
  REVIEW_REASON_NEW_PLACEMENT_HEALTHY,
} from './eviction/eviction-constants';
export { TaintManager, type TaintManagerOptions } from './eviction/taint-manager';
export { GracefulEvictionReviewer, newPlacementHealthy } from './eviction/graceful-eviction';
export { ApplicationFailover } from './eviction/application-failover';
export {
  KarmadaEvictionPolicy,
  type KarmadaEvictionPolicyOptions,
} from './eviction/karmada-eviction-policy';
export { MeteredEvictionPolicy } from './eviction/metered-eviction-policy';
export { KarmadaFailbackPolicy } from './eviction/karmada-failback-policy';

// Scheduling
export { KARMADA_PLUGIN_NAMES } from './scheduling/plugins/names';
export {
  REASON_UNTOLERATED_TAINT,
  TaintToleration,
  taintTolerationRegistration,
} from './scheduling/plugins/taint-toleration/taint-toleration';
export {
  ClusterAffinity,
  REASON_AFFINITY_MISMATCH,
  REASON_NO_FALLBACK_GROUP,
  clusterAffinityRegistration,
} from './scheduling/plugins/cluster-affinity/cluster-affinity';
export {
  SpreadConstraintFilter,
  reasonMissingProperty,
  spreadConstraintRegistration,
} from './scheduling/plugins/spread-constraint/spread-constraint';
export {
  ClusterLocality,
  clusterLocalityRegistration,
} from './scheduling/plugins/cluster-locality/cluster-locality';
export {
  REASON_AFFINITY_GROUP_ELSEWHERE,
  REASON_NO_GROUP_VIEW,
  WorkloadAffinity,
  workloadAffinityRegistration,
} from './scheduling/plugins/workload-affinity/workload-affinity';
export {
  REASON_ANTI_AFFINITY_GROUP_HERE,
  WorkloadAntiAffinity,
  workloadAntiAffinityRegistration,
} from './scheduling/plugins/workload-anti-affinity/workload-anti-affinity';
export {
  KARMADA_PLUGIN_REGISTRATIONS,
  KARMADA_SCHEDULER_NAME,
  KARMADA_SCHEDULER_PROFILE,
} from './scheduling/plugins/karmada-plugins';
export {
  AGGREGATED_STRATEGY,
  DUPLICATED_STRATEGY,
  DYNAMIC_WEIGHT_STRATEGY,
  STATIC_WEIGHT_STRATEGY,
} from './scheduling/strategies/strategy-names';
export { DuplicatedStrategy } from './scheduling/strategies/duplicated-strategy';
export {
  StaticWeightStrategy,
  staticWeightOf,
} from './scheduling/strategies/static-weight-strategy';
export { DynamicWeightStrategy } from './scheduling/strategies/dynamic-weight-strategy';
export { AggregatedStrategy } from './scheduling/strategies/aggregated-strategy';
export { websterDivide, type WebsterParty } from './scheduling/strategies/webster';
export { fnv32a, tieBreakOrder } from './scheduling/strategies/tie-break';
export {
  divideByStaticWeight,
  type WeightedCandidate,
} from './scheduling/strategies/static-weight-division';
export {
  divideDynamically,
  type DivisionResult,
  type DynamicCandidate,
  type DynamicDivisionInput,
} from './scheduling/strategies/dynamic-division';
export { groupOf, selectClusters, type Selection } from './scheduling/strategies/select-clusters';
export {
  GENERAL_ESTIMATOR,
  GeneralCapacityEstimator,
} from './scheduling/general-capacity-estimator';
export { SchedulerMetricsObserver } from './scheduling/scheduler-metrics-observer';
