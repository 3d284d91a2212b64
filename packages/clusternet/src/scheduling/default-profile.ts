import type { SchedulerProfile } from '@lifeboat/core';
import { CLUSTERNET_PLUGIN_NAMES } from './plugins/names';

/** Weight of the TaintToleration score, as Clusternet's default profile. @public */
export const TAINT_TOLERATION_SCORE_WEIGHT = 3;

/** The profile name of {@link CLUSTERNET_SCHEDULER_PROFILE} (Clusternet's `default`). @public */
export const CLUSTERNET_SCHEDULER_NAME = 'default';

/**
 * Clusternet's default plugins per extension point (reference `default_plugins.go`), plus
 * SubscriberAffinity as the first filter for the candidate step Clusternet does outside its
 * plugins, core's ClusterEviction filter, which keeps a binding off the clusters it is being
 * evicted from (Clusternet relies on the taint alone, which a toleration can let through), and
 * Lifeboat's SubscriptionFeeds filter, which keeps the feeds of one Subscription together.
 * `registerClusternet` registers exactly this object (the plugins' args come from the flavour
 * options), so merging changes into it with core's `mergeProfiles` keeps everything it runs.
 * @public
 */
export const CLUSTERNET_SCHEDULER_PROFILE: SchedulerProfile = {
  schedulerName: CLUSTERNET_SCHEDULER_NAME,
  plugins: {
    filter: {
      enabled: [
        { name: CLUSTERNET_PLUGIN_NAMES.SubscriberAffinity },
        { name: CLUSTERNET_PLUGIN_NAMES.ClusterEviction },
        { name: CLUSTERNET_PLUGIN_NAMES.TaintToleration },
        { name: CLUSTERNET_PLUGIN_NAMES.SubscriptionFeeds },
      ],
    },
    predict: { enabled: [{ name: CLUSTERNET_PLUGIN_NAMES.Predictor }] },
    score: {
      enabled: [
        { name: CLUSTERNET_PLUGIN_NAMES.TaintToleration, weight: TAINT_TOLERATION_SCORE_WEIGHT },
      ],
    },
    preAssign: { enabled: [{ name: CLUSTERNET_PLUGIN_NAMES.DynamicAssigner }] },
    assign: {
      enabled: [
        { name: CLUSTERNET_PLUGIN_NAMES.StaticAssigner },
        { name: CLUSTERNET_PLUGIN_NAMES.DynamicAssigner },
      ],
    },
    bind: { enabled: [{ name: CLUSTERNET_PLUGIN_NAMES.DefaultBinder }] },
  },
};
