/**
 * The gates this flavour reads, with Lifeboat's defaults (both on, as the seed document
 * promises); the options schema's `featureGates` is built from this list.
 * @public
 */
export const KARMADA_FEATURE_GATES = {
  Failover: { default: true, stage: 'Beta' },
  GracefulEviction: { default: true, stage: 'Beta' },
} as const;
