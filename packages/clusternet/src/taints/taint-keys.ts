/** The one taint Clusternet puts on a cluster whose Ready is not True. @public */
export const UNSCHEDULABLE_TAINT_KEY = 'clusters.clusternet.io/unschedulable';

/**
 * The key for a manual cordon. The managed key above cannot be one: the tainter removes it
 * whenever the cluster is Ready.
 * @public
 */
export const MAINTENANCE_TAINT_KEY = 'lifeboat.dev/maintenance';
