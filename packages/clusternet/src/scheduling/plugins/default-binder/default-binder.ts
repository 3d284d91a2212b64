import {
  Status,
  expectNoArgs,
  type Binding,
  type CycleState,
  type PluginRegistration,
  type TargetCluster,
} from '@lifeboat/core';
import type { BindPlugin, BindResult } from '../../extension-points';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';

/**
 * Clusternet's DefaultBinder: the bound clusters sorted by name (as Clusternet sorts
 * `bindingClusters`). Clusters given no replicas by a dividing strategy are left out (Clusternet
 * keeps them bound with 0; core writes only clusters that run something).
 * @public
 */
export class DefaultBinder implements BindPlugin {
  readonly name = CLUSTERNET_PLUGIN_NAMES.DefaultBinder;

  bind(_state: CycleState, binding: Binding, placement: readonly TargetCluster[]): BindResult {
    const divided = binding.spec.placement.replicaScheduling.type === 'Divided';
    const clusters = placement
      .filter((t) => !divided || t.replicas > 0)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { status: Status.success, clusters };
  }
}

/** The `DefaultBinder` plugin's registration under `SCHEDULER_PLUGINS` (takes no args and refuses any given). @public */
export const defaultBinderRegistration: PluginRegistration = {
  name: CLUSTERNET_PLUGIN_NAMES.DefaultBinder,
  factory: (args) => {
    expectNoArgs(args);
    return new DefaultBinder();
  },
  extensionPoints: ['bind'],
};
