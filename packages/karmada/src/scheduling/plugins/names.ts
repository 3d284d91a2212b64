/** Filter: NoSchedule/NoExecute taints the placement does not tolerate. @public */
export const TAINT_TOLERATION = 'TaintToleration';
/** Pre-filter, filter and post-filter: `clusterAffinity` / ordered `clusterAffinities`. @public */
export const CLUSTER_AFFINITY = 'ClusterAffinity';
/** Filter: clusters lacking the topology a spread constraint needs. @public */
export const SPREAD_CONSTRAINT = 'SpreadConstraint';
/** Filter: clusters the binding is being evicted from (core's plugin, in Karmada's profile). @public */
export { CLUSTER_EVICTION } from '@lifeboat/core';
/** Score: clusters the binding already uses. @public */
export const CLUSTER_LOCALITY = 'ClusterLocality';
