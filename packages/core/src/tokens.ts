/**
 * Every replaceable part of Lifeboat, one token per contract: the list to read when composing or
 * overriding a controller. Register a part again after the flavour to replace it (the last
 * registration wins); list tokens (plugins, strategies, estimators, observers, event recorder
 * decorators) collect every registration. Use core's typed `register`/`resolve` with them.
 */
export { ACTUATOR } from './contracts/actuator';
export { CAPACITY_ESTIMATORS } from './contracts/capacity-estimator';
export { CLOCK } from './contracts/clock';
export { EVENT_RECORDER, EVENT_RECORDER_DECORATORS } from './contracts/event-recorder';
export { EVICTION_GUARD } from './contracts/eviction-guard';
export { EVICTION_POLICY } from './contracts/eviction-policy';
export { FAILBACK_POLICY } from './contracts/failback-policy';
export { FAILOVER_OBSERVERS } from './contracts/failover-observer';
export { FAILOVER_MANAGER_OPTIONS } from './failover/failover-manager-options';
export { HEALTH_DETECTOR } from './contracts/health-detector';
export { LOGGER, METRICS_REGISTRY } from './contracts/observability';
export { SCHEDULER_PLUGINS } from './contracts/scheduler-plugins';
export { SCHEDULING_STRATEGIES } from './contracts/scheduling-strategy';
export { STATE_STORE } from './contracts/state-store';
export { TAINTER } from './contracts/tainter';
export { WORKLOAD_GROUPS } from './contracts/workload-groups';
export { SCHEDULER_FRAMEWORK } from './scheduler/framework-token';
export { SCHEDULER_PROFILE } from './scheduler/profile';
export { SCHEDULER, SCHEDULER_OPTIONS } from './scheduler/scheduler-token';
