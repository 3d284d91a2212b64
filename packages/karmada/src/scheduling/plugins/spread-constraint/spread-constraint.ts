import {
  Status,
  structuralKey,
  expectNoArgs,
  type Binding,
  type Cluster,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
} from '@lifeboat/core';
import { groupOf } from '../../strategies/select-clusters';
import { KARMADA_PLUGIN_NAMES } from '../names';

/** Rejection reason for a cluster without the property a constraint spreads by (core's explanation puts the count first). @public */
export function reasonMissingProperty(property: string): string {
  return `did not have ${property} property`;
}

/**
 * Rejects clusters that lack the topology a spread constraint needs (`region`, `zone`,
 * `provider`, or the `spreadByLabel` label). Choosing how many groups to use happens when the
 * strategy divides replicas.
 * @public
 */
export class SpreadConstraintFilter implements FilterPlugin {
  readonly name = KARMADA_PLUGIN_NAMES.SpreadConstraint;

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    for (const constraint of binding.spec.placement.spreadConstraints ?? []) {
      if (groupOf(cluster, constraint) !== undefined) continue;
      const property = constraint.spreadByLabel
        ? `label ${constraint.spreadByLabel}`
        : (constraint.spreadByField ?? 'cluster');
      return Status.unschedulable(reasonMissingProperty(property));
    }
    return Status.success;
  }

  /** The verdict depends on the spread constraints only. */
  equivalenceKey(binding: Binding): string {
    return structuralKey(binding.spec.placement.spreadConstraints);
  }
}

/** Registers {@link SpreadConstraintFilter} (no args). @public */
export const spreadConstraintRegistration: PluginRegistration = {
  name: KARMADA_PLUGIN_NAMES.SpreadConstraint,
  factory: (args) => {
    expectNoArgs(args);
    return new SpreadConstraintFilter();
  },
};
