import { CLUSTER_EVICTION } from '@lifeboat/core';

/**
 * Every plugin name this package registers; profiles refer to plugins by these names.
 * @public
 */
export const CLUSTERNET_PLUGIN_NAMES = {
  /** Lifeboat's stand-in for step 1 of Clusternet's algorithm: candidates are the clusters some subscriber selects. */
  SubscriberAffinity: 'SubscriberAffinity',
  /** Core's filter for the clusters a binding is being evicted from (Karmada has it too; Clusternet leaves them out by taint). */
  ClusterEviction: CLUSTER_EVICTION,
  TaintToleration: 'TaintToleration',
  /** Lifeboat's: keeps a Subscription's feeds (one binding each) on the same clusters. */
  SubscriptionFeeds: 'SubscriptionFeeds',
  Predictor: 'Predictor',
  StaticAssigner: 'StaticAssigner',
  DynamicAssigner: 'DynamicAssigner',
  DefaultBinder: 'DefaultBinder',
} as const;
