/**
 * Every plugin name this package registers; profiles refer to plugins by these names.
 * @public
 */
export const KARMADA_PLUGIN_NAMES = {
  /** Filter: NoSchedule/NoExecute taints the placement does not tolerate. */
  TaintToleration: 'TaintToleration',
  /** Pre-filter, filter and post-filter: `clusterAffinity` / ordered `clusterAffinities`. */
  ClusterAffinity: 'ClusterAffinity',
  /** Filter: clusters lacking the topology a spread constraint needs. */
  SpreadConstraint: 'SpreadConstraint',
  /** Filter: clusters the binding is being evicted from. */
  ClusterEviction: 'ClusterEviction',
  /** Score: clusters the binding already uses. */
  ClusterLocality: 'ClusterLocality',
} as const;
