import type { SchedulerProfile } from '@lifeboat/core';
import { PluginNames } from './plugins/names';

/** Weight of the TaintToleration score, as Clusternet's default profile. @public */
export const TAINT_TOLERATION_SCORE_WEIGHT = 3;

/**
 * Clusternet's default plugins per extension point (reference `default_plugins.go`), plus
 * SubscriberAffinity at preFilter for the candidate step Clusternet does outside its plugins,
 * and core's ClusterEviction filter, which keeps a binding off the clusters it is being evicted
 * from (Clusternet relies on the taint alone, which a toleration can let through).
 * Merge changes into it with core's `mergeProfiles`.
 * @public
 */
export const clusternetDefaultProfile: SchedulerProfile = {
  schedulerName: 'default',
  plugins: {
    preFilter: { enabled: [{ name: PluginNames.SubscriberAffinity }] },
    filter: {
      enabled: [{ name: PluginNames.ClusterEviction }, { name: PluginNames.TaintToleration }],
    },
    predict: { enabled: [{ name: PluginNames.Predictor }] },
    score: {
      enabled: [{ name: PluginNames.TaintToleration, weight: TAINT_TOLERATION_SCORE_WEIGHT }],
    },
    preAssign: { enabled: [{ name: PluginNames.DynamicAssigner }] },
    assign: {
      enabled: [{ name: PluginNames.StaticAssigner }, { name: PluginNames.DynamicAssigner }],
    },
    bind: { enabled: [{ name: PluginNames.DefaultBinder }] },
  },
};
