/**
 * Clusternet's feature gates known to Lifeboat, with Clusternet's code defaults, and Lifeboat's
 * `MassFailureGuard` (on); the options schema's `featureGates` is built from this list.
 * @public
 */
export const CLUSTERNET_FEATURE_GATES = {
  FailOver: { default: false, stage: 'Alpha' },
  /** Lifeboat's: no new evictions while `unhealthyClusterThreshold` of the fleet is not Ready. */
  MassFailureGuard: { default: true, stage: 'Beta' },
} as const;
