/**
 * Clusternet's feature gates known to Lifeboat, with Clusternet's code defaults; the options
 * schema's `featureGates` is built from this list.
 * @public
 */
export const CLUSTERNET_FEATURE_GATES = { FailOver: { default: false, stage: 'Alpha' } } as const;
