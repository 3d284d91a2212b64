import { CLUSTER_EVICTION } from '@lifeboat/core';

/**
 * Every plugin name this flavour's profile runs; profiles refer to plugins by these names.
 * @public
 */
export const KARMADA_PLUGIN_NAMES = {
  /** Filter: NoSchedule/NoExecute taints the placement does not tolerate. */
  TaintToleration: 'TaintToleration',
  /** Pre-filter, filter and post-filter: `clusterAffinity` / ordered `clusterAffinities`. */
  ClusterAffinity: 'ClusterAffinity',
  /** Filter: clusters lacking the topology a spread constraint needs. */
  SpreadConstraint: 'SpreadConstraint',
  /** Filter: clusters the binding is being evicted from (core's plugin, in Karmada's profile). */
  ClusterEviction: CLUSTER_EVICTION,
  /** Score: clusters the binding already uses. */
  ClusterLocality: 'ClusterLocality',
  /** Filter: clusters its affinity group does not run on. */
  WorkloadAffinity: 'WorkloadAffinity',
  /** Filter: clusters its anti-affinity group runs on. */
  WorkloadAntiAffinity: 'WorkloadAntiAffinity',
} as const;
