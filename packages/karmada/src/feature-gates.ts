/**
 * The gates this flavour reads, with Lifeboat's defaults (Karmada's two on, as the seed document
 * promises, and Lifeboat's `MassFailureGuard` on); the options schema's `featureGates` is built
 * from this list.
 * @public
 */
export const KARMADA_FEATURE_GATES = {
  Failover: { default: true, stage: 'Beta' },
  GracefulEviction: { default: true, stage: 'Beta' },
  /** Lifeboat's: no new evictions while `unhealthyClusterThreshold` of the fleet is not Ready. */
  MassFailureGuard: { default: true, stage: 'Beta' },
} as const;
