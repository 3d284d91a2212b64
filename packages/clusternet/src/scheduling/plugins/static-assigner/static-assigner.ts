import {
  Status,
  expectNoArgs,
  structuralKey,
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
  /**
   * Weights and divisions by candidate list and weight rules. Bindings of one equivalence class
   * get the very same candidate list from the scheduler, so each class weighs its clusters once
   * and divides once per replica count, instead of once per binding.
   */
  private readonly divisions = new WeakMap<readonly ScoredCluster[], Map<string, Division>>();

  assign(
    _state: CycleState,
    binding: Binding,
    candidates: readonly ScoredCluster[],
    _context: AssignContext,
  ): AssignResult {
    const scheduling = binding.spec.placement.replicaScheduling;
    if (scheduling.type !== 'Divided' || scheduling.division !== 'StaticWeight')
      return { status: Status.skip };
    const division = this.divisionFor(binding, candidates, scheduling.staticWeightList);
    if (!division.anyPositive) return { status: Status.unschedulable(NO_POSITIVE_WEIGHT) };
    let replicas = division.byReplicas.get(binding.spec.replicas);
    if (!replicas) {
      replicas = staticDivide(division.weights, binding.spec.replicas);
      division.byReplicas.set(binding.spec.replicas, replicas);
    }
    return {
      clusters: candidates.map((c, i) => ({
        name: c.cluster.metadata.name,
        replicas: replicas[i] as number,
      })),
    };
  }

  private divisionFor(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    rules: object,
  ): Division {
    let byRules = this.divisions.get(candidates);
    if (!byRules) {
      byRules = new Map();
      this.divisions.set(candidates, byRules);
    }
    const key = structuralKey(rules);
    let division = byRules.get(key);
    if (!division) {
      const weights = candidates.map((c) => clusterWeight(binding, c.cluster));
      division = { weights, anyPositive: weights.some((w) => w > 0), byReplicas: new Map() };
      byRules.set(key, division);
    }
    return division;
  }
}

/** A candidate list's weights under one set of weight rules, and its divisions by replica count. */
interface Division {
  readonly weights: readonly number[];
  readonly anyPositive: boolean;
  readonly byReplicas: Map<number, readonly number[]>;
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
