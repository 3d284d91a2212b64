/** Who writes Clusternet's eviction tasks. @public */
export const FAILOVER_PRODUCER = 'ClusternetFailOver';
