/**
 * `@lifeboat/clusternet`: Clusternet-style heartbeat lifecycle, the single unschedulable taint,
 * the FailOver eviction policy, Clusternet's scheduler extension points and default plugins,
 * static and dynamic dividing, and the predictor protocol, as Lifeboat parts. Register them all
 * with {@link registerClusternet}, or use any part on its own.
 * @packageDocumentation
 */
import 'reflect-metadata';

// Options and wiring
export {
  CLUSTERNET_LIFEBOAT_SETTINGS,
  clusternetOptionsSchema,
  parseClusternetOptions,
  type ClusternetOptions,
  type ClusternetOptionsInput,
} from './options';
export { CLUSTERNET_METRICS, CLUSTERNET_OPTIONS, PREDICTOR_TRANSPORT } from './tokens';
export { CLUSTERNET_FEATURE_GATES } from './feature-gates';
export {
  registerClusternet,
  registerClusternetEviction,
  registerClusternetHealth,
  registerClusternetObservability,
  registerClusternetOptions,
  registerClusternetScheduling,
  registerClusternetTaints,
} from './register';

// Health
export { CLUSTER_NOT_READY_THRESHOLD, ReadyMessage, ReadyReason } from './health/ready-condition';
export {
  agentReadyCondition,
  collectAgentStatus,
  nodeStatistics,
  toClusterStatus,
  type AgentNode,
  type AgentObservation,
  type AgentStatus,
  type NodeStatistics,
} from './health/agent-status';
export { ClusternetAgent, type ClusternetAgentSettings } from './health/clusternet-agent';
export {
  LifecycleDetector,
  heartbeatThresholdMs,
  type LifecycleDetectorSettings,
} from './health/lifecycle-detector';

// Taints
export { MAINTENANCE_TAINT_KEY, UNSCHEDULABLE_TAINT_KEY } from './taints/taint-keys';
export { UnschedulableTainter } from './taints/unschedulable-tainter';
export { maintenanceTaint } from './taints/maintenance-taint';

// Eviction
export { FAILOVER_PRODUCER } from './eviction/eviction-constants';
export { ClusternetFailbackPolicy } from './eviction/clusternet-failback-policy';
export {
  FAILOVER_REASON,
  FailOverPolicy,
  FailOverReviewReason,
  type FailOverPolicySettings,
} from './eviction/failover-policy';
export {
  firstExcludingTaint,
  isExcludingEffect,
  judgeTaint,
  type TaintVerdict,
} from './eviction/toleration-deadline';

// Scheduling
export {
  CLUSTERNET_EXTENSION_POINTS,
  CLUSTERNET_POINT_METHODS,
  assertClusternetPoints,
  type AssignPlugin,
  type BindPlugin,
  type BindResult,
  type ClusternetExtensionPoint,
  type PermitPlugin,
  type PostBindPlugin,
  type PreAssignPlugin,
  type PreBindPlugin,
  type PredictPlugin,
  type PredictResult,
  type PrePredictPlugin,
} from './scheduling/extension-points';
export { CLUSTERNET_PLUGIN_NAMES } from './scheduling/plugins/names';
export {
  TAINT_TOLERATION_SCORE_WEIGHT,
  CLUSTERNET_SCHEDULER_NAME,
  CLUSTERNET_SCHEDULER_PROFILE,
} from './scheduling/default-profile';
export { clusterWeight } from './scheduling/static-weights';
export { defaultNormalizeScore } from './scheduling/normalize-score';
export {
  SUBGROUP_MIN_CLUSTERS_ANNOTATION,
  selectSubgroups,
  subgroupMinClusters,
} from './scheduling/subgroups';
export { staticDivide } from './scheduling/division/static-divide';
export { dynamicDivide } from './scheduling/division/dynamic-divide';
export {
  ClusternetStrategy,
  StrategyReason,
  type AssignPoints,
  type PointObserver,
} from './scheduling/strategies/clusternet-strategy';
export {
  PredictCapacityEstimator,
  type PredictObserver,
  type PredictPoints,
} from './scheduling/predict-capacity-estimator';
export {
  TaintToleration,
  taintTolerationArgsSchema,
  taintTolerationRegistration,
  untoleratedTaintReason,
  type TaintTolerationArgs,
} from './scheduling/plugins/taint-toleration/taint-toleration';
export {
  NO_SUBSCRIBER_MATCH,
  SubscriberAffinity,
  subscriberAffinityRegistration,
} from './scheduling/plugins/subscriber-affinity/subscriber-affinity';
export {
  REASON_FEEDS_ELSEWHERE,
  REASON_NO_FEED_VIEW,
  SubscriptionFeeds,
  subscriptionFeedsRegistration,
} from './scheduling/plugins/subscription-feeds/subscription-feeds';
export {
  Predictor,
  predictorRegistration,
  replicaRequirementsOf,
} from './scheduling/plugins/predictor/predictor';
export type { PredictorTransport } from './scheduling/plugins/predictor/predictor-transport';
export {
  HttpPredictorTransport,
  PREDICTOR_ADDRESS_ANNOTATION,
} from './scheduling/plugins/predictor/http-predictor-transport';
export {
  NO_POSITIVE_WEIGHT,
  StaticAssigner,
  staticAssignerRegistration,
} from './scheduling/plugins/static-assigner/static-assigner';
export {
  DEVIATION_KEY,
  DynamicAssigner,
  dynamicAssignerRegistration,
} from './scheduling/plugins/dynamic-assigner/dynamic-assigner';
export {
  DefaultBinder,
  defaultBinderRegistration,
} from './scheduling/plugins/default-binder/default-binder';

// Predictor protocol
export {
  CLUSTER_ID_HEADER,
  DEFAULT_ACCEPTABLE_REPLICAS_KEY,
  PREDICT_PATH,
  UNSCHEDULED_PATH,
  predictorResultsSchema,
  replicaRequirementsSchema,
  type PredictorResults,
  type ReplicaRequirements,
} from './predictor/protocol';
export {
  NoFeasibleNodeError,
  computeAcceptableReplicas,
  type PredictorNode,
} from './predictor/compute-replicas';
export {
  MAX_PREDICT_BODY_BYTES,
  createPredictorHandler,
  type PredictorRequestListener,
} from './predictor/predictor-handler';
export {
  DEFAULT_PREDICTOR_RESPONSE_BYTES,
  PredictorClient,
  PredictorError,
  type PredictorClientSettings,
  type PredictorFailure,
} from './predictor/predictor-client';

// API
export {
  PRIORITY_ANNOTATION,
  parseSubscription,
  type ParsedSubscription,
} from './api/parse-subscription';
export {
  subscriptionSpecSchema,
  type SubscriptionSpec,
  type SubscriptionSpecInput,
} from './api/subscription-schema';

// Metrics and events
export { ClusternetMetrics, exponentialBuckets } from './metrics';
export { ClusternetEventReason, ClusternetEventRecorder, NOTE_LENGTH_LIMIT } from './events';
export { ClusternetSchedulingObserver } from './scheduling-observer';
