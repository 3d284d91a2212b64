import {
  Status,
  expectNoArgs,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
} from '@lifeboat/core';

/** Printed as "N cluster(s) is frozen" in the scheduler's explanation. */
export const REASON_FROZEN = 'is frozen';

/** Rejects clusters labelled `frozen=true`: they take no new replicas. */
export class Frozen implements FilterPlugin {
  readonly name = 'Frozen';

  filter(_state: CycleState, _binding: Binding, cluster: Cluster): Status {
    return cluster.metadata.labels?.frozen === 'true'
      ? Status.unresolvable(REASON_FROZEN)
      : Status.success;
  }

  /** The verdict depends on the cluster alone, so bindings may share it. */
  equivalenceKey(): string {
    return '';
  }
}

/** Takes no args; any given are refused at `pluginConfig[i].args`. */
export const frozenRegistration: PluginRegistration = {
  name: 'Frozen',
  factory: (args) => {
    expectNoArgs(args);
    return new Frozen();
  },
};
