import {
  Status,
  expectNoArgs,
  stateKey,
  type AssignContext,
  type AssignResult,
  type Binding,
  type CycleState,
  type PluginRegistration,
  type ScoredCluster,
  type TargetCluster,
} from '@lifeboat/core';
import { dynamicDivide } from '../../division/dynamic-divide';
import type { AssignPlugin, PreAssignPlugin } from '../../extension-points';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';

/** The replicas to add (positive) or take away (negative), computed at PreAssign. @public */
export const DEVIATION_KEY = stateKey<number>('PreAssignDynamicAssigner');

function isDynamic(binding: Binding): boolean {
  const scheduling = binding.spec.placement.replicaScheduling;
  return scheduling.type === 'Divided' && scheduling.division === 'DynamicWeight';
}

/**
 * Clusternet's DynamicAssigner (Spread). PreAssign records the deviation between the desired
 * replicas and those the binding holds. Assign keeps the current placement and divides only the
 * deviation: a scale-up (or the replicas of an evicted cluster) over the selected clusters by
 * predicted capacity, a scale-down over the bound clusters by their current replicas, both with
 * largest remainders ({@link dynamicDivide}). A cluster without a prediction counts as able to
 * take the whole deviation. `Skip` for every other strategy.
 * @public
 */
export class DynamicAssigner implements PreAssignPlugin, AssignPlugin {
  readonly name = CLUSTERNET_PLUGIN_NAMES.DynamicAssigner;
  private readonly divisions = new WeakMap<
    readonly ScoredCluster[],
    WeakMap<ReadonlyMap<string, number>, Map<number, readonly number[]>>
  >();

  preAssign(state: CycleState, binding: Binding): Status {
    if (!isDynamic(binding)) return Status.skip;
    const held = (binding.spec.clusters ?? []).reduce((sum, t) => sum + t.replicas, 0);
    state.write(DEVIATION_KEY, binding.spec.replicas - held);
    return Status.success;
  }

  assign(
    state: CycleState,
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult {
    if (!isDynamic(binding)) return { status: Status.skip };
    const deviation = state.read(DEVIATION_KEY);
    if (deviation === undefined)
      return {
        status: Status.error(new Error('DynamicAssigner must be enabled at preAssign too')),
      };
    const current = binding.spec.clusters ?? [];
    const placement = new Map(current.map((t) => [t.name, t.replicas]));
    if (deviation > 0) {
      this.scaleUp(candidates, context.availableReplicas, deviation).forEach((add, i) => {
        if (add <= 0) return;
        const name = (candidates[i] as ScoredCluster).cluster.metadata.name;
        placement.set(name, (placement.get(name) ?? 0) + add);
      });
    } else if (deviation < 0) {
      dynamicDivide(
        current.map((t) => t.replicas),
        deviation,
      ).forEach((take, i) =>
        placement.set(
          (current[i] as TargetCluster).name,
          (current[i] as TargetCluster).replicas + take,
        ),
      );
    }
    return { clusters: [...placement].map(([name, replicas]) => ({ name, replicas })) };
  }

  /**
   * The replicas each candidate gains, remembered by candidate list, capacity answer and
   * deviation: bindings of one equivalence class get the very same list and answer from the
   * scheduler, so a class divides once per deviation instead of once per binding.
   */
  private scaleUp(
    candidates: readonly ScoredCluster[],
    available: ReadonlyMap<string, number>,
    deviation: number,
  ): readonly number[] {
    let byAnswer = this.divisions.get(candidates);
    if (!byAnswer) {
      byAnswer = new WeakMap();
      this.divisions.set(candidates, byAnswer);
    }
    let byDeviation = byAnswer.get(available);
    if (!byDeviation) {
      byDeviation = new Map();
      byAnswer.set(available, byDeviation);
    }
    let added = byDeviation.get(deviation);
    if (!added) {
      const capacities = candidates.map((c) =>
        finiteOr(available.get(c.cluster.metadata.name), deviation),
      );
      added = dynamicDivide(capacities, deviation);
      byDeviation.set(deviation, added);
    }
    return added;
  }
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

/** The `DynamicAssigner` plugin's registration under `SCHEDULER_PLUGINS` (takes no args and refuses any given). @public */
export const dynamicAssignerRegistration: PluginRegistration = {
  name: CLUSTERNET_PLUGIN_NAMES.DynamicAssigner,
  factory: (args) => {
    expectNoArgs(args);
    return new DynamicAssigner();
  },
  extensionPoints: ['preAssign', 'assign'],
};
