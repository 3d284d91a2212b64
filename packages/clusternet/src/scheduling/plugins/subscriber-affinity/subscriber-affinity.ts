import {
  Status,
  expectNoArgs,
  matchesClusterSelector,
  structuralKey,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
} from '@lifeboat/core';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';

/** Why a cluster is not a candidate; core's explanation puts the count first. @public */
export const NO_SUBSCRIBER_MATCH = 'matched no subscriber';

const NOT_SUBSCRIBED = Status.unresolvable(NO_SUBSCRIBER_MATCH);

/**
 * Step 1 of Clusternet's algorithm as the first filter: the candidates are the clusters that
 * some subscriber's `clusterAffinity` selects (a union); a binding without subscribers considers
 * every cluster. When no cluster is a candidate the binding is unschedulable with a FitError,
 * as in Clusternet. A filter rather than a narrowing pre-filter, so bindings with the same
 * subscribers share its verdicts (and everything after it) through the equivalence cache.
 * @public
 */
export class SubscriberAffinity implements FilterPlugin {
  readonly name = CLUSTERNET_PLUGIN_NAMES.SubscriberAffinity;

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    const selectors = binding.spec.placement.clusterAffinity;
    if (!selectors?.length) return Status.success;
    return selectors.some((s) => matchesClusterSelector(s, cluster))
      ? Status.success
      : NOT_SUBSCRIBED;
  }

  /** The verdict depends on the subscribers' selectors alone. */
  equivalenceKey(binding: Binding): string {
    return structuralKey(binding.spec.placement.clusterAffinity);
  }
}

/** The `SubscriberAffinity` plugin's registration under `SCHEDULER_PLUGINS` (takes no args and refuses any given). @public */
export const subscriberAffinityRegistration: PluginRegistration = {
  name: CLUSTERNET_PLUGIN_NAMES.SubscriberAffinity,
  factory: (args) => {
    expectNoArgs(args);
    return new SubscriberAffinity();
  },
};
