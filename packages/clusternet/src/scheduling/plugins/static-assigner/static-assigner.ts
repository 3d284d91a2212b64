import {
  Status,
  expectNoArgs,
  type AssignContext,
  type AssignResult,
  type Binding,
  type CycleState,
  type PluginRegistration,
  type ScoredCluster,
} from '@lifeboat/core';
import { staticDivide } from '../../division/static-divide';
import type { AssignPlugin } from '../../extension-points';
import { clusterWeight } from '../../static-weights';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';

/** Why static dividing placed nothing. @public */
export const NO_POSITIVE_WEIGHT = 'no subscriber with a positive weight selects a feasible cluster';

/**
 * Clusternet's StaticAssigner: for `Dividing`/`Static`, divides the replicas over the selected
 * clusters from scratch by weight ({@link staticDivide}), so after a failover the share of the
 * lost cluster is redistributed over the survivors. `Skip` for every other strategy.
 * @public
 */
export class StaticAssigner implements AssignPlugin {
  readonly name = CLUSTERNET_PLUGIN_NAMES.StaticAssigner;

  assign(
    _state: CycleState,
    binding: Binding,
    candidates: readonly ScoredCluster[],
    _context: AssignContext,
  ): AssignResult {
    const scheduling = binding.spec.placement.replicaScheduling;
    if (scheduling.type !== 'Divided' || scheduling.division !== 'StaticWeight')
      return { status: Status.skip };
    const weights = candidates.map((c) => clusterWeight(binding, c.cluster));
    if (!weights.some((w) => w > 0)) return { status: Status.unschedulable(NO_POSITIVE_WEIGHT) };
    const replicas = staticDivide(weights, binding.spec.replicas);
    return {
      clusters: candidates.map((c, i) => ({
        name: c.cluster.metadata.name,
        replicas: replicas[i] as number,
      })),
    };
  }
}

/** The `StaticAssigner` plugin's registration under `SCHEDULER_PLUGINS` (takes no args and refuses any given). @public */
export const staticAssignerRegistration: PluginRegistration = {
  name: CLUSTERNET_PLUGIN_NAMES.StaticAssigner,
  factory: (args) => {
    expectNoArgs(args);
    return new StaticAssigner();
  },
  extensionPoints: ['assign'],
};
