import {
  Status,
  expectNoArgs,
  matchesClusterSelector,
  type Binding,
  type Cluster,
  type CycleState,
  type PluginRegistration,
  type PreFilterPlugin,
  type PreFilterResult,
} from '@lifeboat/core';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';

/** Why no cluster is left. @public */
export const NO_SUBSCRIBER_MATCH = 'no cluster matches any subscriber';

/**
 * Step 1 of Clusternet's algorithm as a pre-filter: the candidates are the clusters that some
 * subscriber's `clusterAffinity` selects (a union). A binding without subscribers considers
 * every cluster.
 * @public
 */
export class SubscriberAffinity implements PreFilterPlugin {
  readonly name = CLUSTERNET_PLUGIN_NAMES.SubscriberAffinity;

  preFilter(_state: CycleState, binding: Binding, clusters: readonly Cluster[]): PreFilterResult {
    const selectors = binding.spec.placement.clusterAffinity;
    if (!selectors?.length) return { status: Status.success };
    const names = new Set(
      clusters
        .filter((c) => selectors.some((s) => matchesClusterSelector(s, c)))
        .map((c) => c.metadata.name),
    );
    if (names.size === 0) return { status: Status.unresolvable(NO_SUBSCRIBER_MATCH) };
    return { status: Status.success, clusters: names };
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
