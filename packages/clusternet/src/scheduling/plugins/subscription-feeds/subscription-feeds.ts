import {
  Status,
  expectNoArgs,
  filterByAffinityGroup,
  workloadGroupEquivalenceKey,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
  type WorkloadGroupView,
} from '@lifeboat/core';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';

/** Rejection reason. @public */
export const REASON_FEEDS_ELSEWHERE = 'the subscription places its other feeds elsewhere';

/** Rejection reason when the framework was built without a workload group view. @public */
export const REASON_NO_FEED_VIEW = 'no workload group view to find the subscription feeds in';

const REJECTIONS = {
  breaksGroup: Status.unschedulable(REASON_FEEDS_ELSEWHERE),
  noView: Status.unschedulable(REASON_NO_FEED_VIEW),
};

/**
 * Clusternet schedules a Subscription once for all its feeds; Lifeboat keeps one binding per
 * feed in one affinity group (`spec.workloadAffinityGroups.affinityGroup`), and this filter keeps
 * a feed on the clusters where the subscription's other placed feeds run, so every feed ends on
 * the same clusters. A cluster the feed already uses passes; the first feed placed passes
 * everywhere, and core's group scheduler makes it choose where the whole subscription fits.
 * Feeds' copies on clusters the subscription is leaving do not count.
 * @public
 */
export class SubscriptionFeeds implements FilterPlugin {
  readonly name = CLUSTERNET_PLUGIN_NAMES.SubscriptionFeeds;

  constructor(private readonly groups: WorkloadGroupView | undefined) {}

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    return filterByAffinityGroup(this.groups, binding, cluster, REJECTIONS);
  }

  /** A lone feed passes everywhere; a subscription's feeds depend on where the others are. */
  equivalenceKey(binding: Binding): string | undefined {
    return workloadGroupEquivalenceKey(binding.spec.workloadAffinityGroups?.affinityGroup);
  }
}

/** The `SubscriptionFeeds` registration (takes no args and refuses any given; reads the handle's `workloadGroups`). @public */
export const subscriptionFeedsRegistration: PluginRegistration = {
  name: CLUSTERNET_PLUGIN_NAMES.SubscriptionFeeds,
  factory: (args, handle) => {
    expectNoArgs(args);
    return new SubscriptionFeeds(handle.workloadGroups);
  },
};
