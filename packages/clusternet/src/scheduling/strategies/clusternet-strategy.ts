import {
  CycleState,
  Status,
  type AssignContext,
  type AssignResult,
  type Binding,
  type EnabledPlugin,
  type ScoredCluster,
  type SchedulingStrategy,
  type Clock,
  type StatusCode,
  type TargetCluster,
} from '@lifeboat/core';
import type {
  AssignPlugin,
  BindPlugin,
  PermitPlugin,
  PostBindPlugin,
  PreAssignPlugin,
  PreBindPlugin,
} from '../extension-points';
import { selectSubgroups } from '../subgroups';

/** The plugins a {@link ClusternetStrategy} runs, as a profile enables them (e.g. `SchedulerFramework.pluginsAt`). @public */
export interface AssignPoints {
  pluginsAt<
    P extends
      PreAssignPlugin | AssignPlugin | PermitPlugin | PreBindPlugin | BindPlugin | PostBindPlugin,
  >(
    point: string,
  ): readonly EnabledPlugin<P>[];
}

/** Told how long each Clusternet-defined point took and how it ended (for metrics). @public */
export type PointObserver = (point: string, status: StatusCode, seconds: number) => void;

/** Why nothing was placed. @public */
export const StrategyReason = {
  NoSubgroupCluster: 'no subscriber subgroup selects a feasible cluster',
  AllAssignersSkipped: 'no assign plugin handles this dividing strategy',
  NoBinder: 'no bind plugin bound the placement',
} as const;

/**
 * Clusternet's selection and assignment as a core `SchedulingStrategy`, for Replication
 * (`Duplicated`), Dividing/Static (`StaticWeight`) and Dividing/Dynamic (`DynamicWeight`):
 * 1. subgroups: each subscriber's top `minClusters` (when scheduled by subgroup);
 * 2. Replication: every selected cluster runs every replica; a bound cluster that is filtered
 *    out stays (it leaves only through an eviction task, so with FailOver off nothing moves);
 * 3. Dividing: the PreAssign plugins, then the first Assign plugin that does not skip;
 * 4. Permit, PreBind, the first Bind plugin that does not skip, PostBind, in profile order.
 * Core's Reserve runs after this strategy (Clusternet runs it before Permit). Deterministic:
 * candidates arrive in score order with ties by name.
 * @public
 */
export class ClusternetStrategy implements SchedulingStrategy {
  readonly name = 'Clusternet';

  constructor(
    private readonly points: AssignPoints,
    private readonly instrumentation?: { readonly clock: Clock; readonly observe: PointObserver },
  ) {}

  appliesTo(binding: Binding): boolean {
    const scheduling = binding.spec.placement.replicaScheduling;
    return (
      scheduling.type === 'Duplicated' ||
      scheduling.division === 'StaticWeight' ||
      scheduling.division === 'DynamicWeight'
    );
  }

  assign(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult {
    try {
      const selected = selectSubgroups(binding, candidates);
      if (selected.length === 0)
        return { status: Status.unschedulable(StrategyReason.NoSubgroupCluster) };
      // Share the scheduling cycle's state with filters and scores when core passes it.
      const state = context.state ?? new CycleState();
      const assigned =
        binding.spec.placement.replicaScheduling.type === 'Duplicated'
          ? { clusters: replicate(binding, candidates, selected) }
          : this.divide(state, binding, selected, context);
      if (assigned.status) return assigned;
      return this.bind(state, binding, assigned.clusters);
    } catch (error) {
      return { status: Status.error(error) };
    }
  }

  private divide(
    state: CycleState,
    binding: Binding,
    selected: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult {
    const pre = this.timed('preAssign', () => {
      for (const { plugin } of this.points.pluginsAt<PreAssignPlugin>('preAssign')) {
        const status = plugin.preAssign(state, binding, selected, context);
        if (!status.isSuccess() && !status.isSkip())
          return { status: status.withPlugin(plugin.name) };
      }
      return { clusters: [] };
    });
    if (pre.status) return pre;
    return this.timed('assign', () => {
      for (const { plugin } of this.points.pluginsAt<AssignPlugin>('assign')) {
        const result = plugin.assign(state, binding, selected, context);
        if (result.status?.isSkip()) continue;
        return result.status ? { status: result.status.withPlugin(plugin.name) } : result;
      }
      return { status: Status.unschedulable(StrategyReason.AllAssignersSkipped) };
    });
  }

  private timed(point: string, run: () => AssignResult): AssignResult {
    if (!this.instrumentation) return run();
    const { clock, observe } = this.instrumentation;
    const started = clock.now();
    const result = run();
    observe(point, result.status?.code ?? 'Success', (clock.now() - started) / 1000);
    return result;
  }

  private bind(
    state: CycleState,
    binding: Binding,
    placement: readonly TargetCluster[],
  ): AssignResult {
    const permit = this.timed('permit', () => {
      for (const { plugin } of this.points.pluginsAt<PermitPlugin>('permit')) {
        const status = plugin.permit(state, binding, placement);
        if (!status.isSuccess()) return { status: status.withPlugin(plugin.name) };
      }
      return { clusters: placement };
    });
    if (permit.status) return permit;
    const preBind = this.timed('preBind', () => {
      for (const { plugin } of this.points.pluginsAt<PreBindPlugin>('preBind')) {
        const status = plugin.preBind(state, binding, placement);
        if (!status.isSuccess()) return { status: status.withPlugin(plugin.name) };
      }
      return { clusters: placement };
    });
    if (preBind.status) return preBind;
    const bound = this.timed('bind', () => {
      for (const { plugin } of this.points.pluginsAt<BindPlugin>('bind')) {
        const result = plugin.bind(state, binding, placement);
        if (result.status.isSkip()) continue;
        if (!result.status.isSuccess()) return { status: result.status.withPlugin(plugin.name) };
        return { clusters: result.clusters ?? placement };
      }
      return { status: Status.error(new Error(StrategyReason.NoBinder)) };
    });
    if (bound.status) return bound;
    for (const { plugin } of this.points.pluginsAt<PostBindPlugin>('postBind'))
      plugin.postBind(state, binding, bound.clusters);
    return bound;
  }
}

/**
 * Every selected cluster, plus every bound cluster that is no candidate (filtered out but not
 * evicted), each with all replicas.
 */
function replicate(
  binding: Binding,
  candidates: readonly ScoredCluster[],
  selected: readonly ScoredCluster[],
): TargetCluster[] {
  const names = new Set(selected.map((c) => c.cluster.metadata.name));
  const candidateNames = new Set(candidates.map((c) => c.cluster.metadata.name));
  for (const target of binding.spec.clusters ?? [])
    if (!candidateNames.has(target.name)) names.add(target.name);
  return [...names].map((name) => ({ name, replicas: binding.spec.replicas }));
}
