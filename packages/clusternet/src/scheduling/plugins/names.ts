/**
 * Every plugin name this package registers; profiles refer to plugins by these names.
 * @public
 */
export const CLUSTERNET_PLUGIN_NAMES = {
  /** Lifeboat's stand-in for step 1 of Clusternet's algorithm: candidates are the clusters some subscriber selects. */
  SubscriberAffinity: 'SubscriberAffinity',
  TaintToleration: 'TaintToleration',
  Predictor: 'Predictor',
  StaticAssigner: 'StaticAssigner',
  DynamicAssigner: 'DynamicAssigner',
  DefaultBinder: 'DefaultBinder',
} as const;
