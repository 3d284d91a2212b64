/** Taint key for a cluster whose Ready condition is False. @public */
export const TAINT_CLUSTER_NOT_READY = 'cluster.karmada.io/not-ready';

/** Taint key for a cluster whose Ready condition is Unknown. @public */
export const TAINT_CLUSTER_UNREACHABLE = 'cluster.karmada.io/unreachable';

/** Taint key of a manual cordon (`karmadactl cordon`). @public */
export const TAINT_CLUSTER_UNSCHEDULABLE = 'cluster.karmada.io/unschedulable';
