/** Eviction reason written by the taint manager. @public */
export const EVICTION_REASON_TAINT_UNTOLERATED = 'TaintUntolerated';

/** Eviction reason written by application failover. @public */
export const EVICTION_REASON_APPLICATION_FAILURE = 'ApplicationFailure';

/** Producer of taint-manager eviction tasks. @public */
export const EVICTION_PRODUCER_TAINT_MANAGER = 'TaintManager';

/** Producer of application-failover eviction tasks (Karmada's controller name). @public */
export const EVICTION_PRODUCER_APPLICATION_FAILOVER =
  'resource-binding-application-failover-controller';

/** Review reason: every cluster of the new placement reports the workload healthy. @public */
export const REVIEW_REASON_NEW_PLACEMENT_HEALTHY = 'NewPlacementHealthy';

/** Review reason: the grace period (task's or `gracefulEvictionTimeout`) ran out. @public */
export const REVIEW_REASON_GRACE_PERIOD_EXPIRED = 'GracePeriodExpired';

/** Review reason: someone set `suppressDeletion` to false. @public */
export const REVIEW_REASON_DELETION_UNSUPPRESSED = 'DeletionUnsuppressed';
