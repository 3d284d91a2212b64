/** Name of the Duplicated strategy. @public */
export const DUPLICATED_STRATEGY = 'Duplicated';
/** Name of the static-weight strategy. @public */
export const STATIC_WEIGHT_STRATEGY = 'StaticWeight';
/** Name of the dynamic-weight (AvailableReplicas) strategy. @public */
export const DYNAMIC_WEIGHT_STRATEGY = 'DynamicWeight';
/** Name of the Aggregated strategy. @public */
export const AGGREGATED_STRATEGY = 'Aggregated';
