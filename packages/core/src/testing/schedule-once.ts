import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type { PluginRegistration } from '../contracts/scheduler-plugins';
import type {
  AssignContext,
  AssignResult,
  ScoredCluster,
  SchedulingStrategy,
} from '../contracts/scheduling-strategy';
import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { SchedulerFramework } from '../scheduler/framework';
import type { SchedulerProfile } from '../scheduler/profile';
import { Scheduler, type ScheduleResult } from '../scheduler/scheduler';
import { Status } from '../scheduler/status';

/**
 * A strategy for plugin tests: every replica on the best-ranked feasible cluster (ties broken by
 * name, as the scheduler ranks), so a test sees a score change the placement. Applies to every
 * binding.
 * @public
 */
export class TopRankedStrategy implements SchedulingStrategy {
  readonly name = 'TopRanked';

  appliesTo(): boolean {
    return true;
  }

  assign(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    _context: AssignContext,
  ): AssignResult {
    const best = candidates[0];
    if (!best) return { status: Status.unschedulable('no feasible cluster to rank') };
    return { clusters: [{ name: best.cluster.metadata.name, replicas: binding.spec.replicas }] };
  }
}

/** What {@link scheduleOnce} runs. @public */
export interface ScheduleOnceInput {
  /** Every plugin the profile names (yours and, say, a flavour's `KARMADA_PLUGIN_REGISTRATIONS`). */
  readonly registrations: readonly PluginRegistration[];
  readonly profile: SchedulerProfile;
  readonly clusters: readonly Cluster[];
  readonly binding: Binding;
  /** Default: a {@link TopRankedStrategy}; pass a flavour's to see its division. */
  readonly strategies?: readonly SchedulingStrategy[];
  /** Default: none (every cluster can take every replica). */
  readonly estimators?: readonly CapacityEstimator[];
  /** The cycle's time in ms, also the plugins' `handle.now()` (default 0). */
  readonly now?: number;
  /** Share results between bindings (default true; one binding shares nothing either way). */
  readonly equivalenceCache?: boolean;
}

/** What one cycle did, in the shapes a test compares. @public */
export interface ScheduleOnceOutcome {
  readonly result: ScheduleResult;
  /** Replicas by cluster; empty when the binding is unschedulable. */
  readonly placement: Readonly<Record<string, number>>;
  /** The feasible clusters best first, with their weighted total scores. */
  readonly ranking: readonly { readonly cluster: string; readonly score: number }[];
  /**
   * One line: `placed by TopRanked: m2=2; ranking m2 200, m1 100` when scheduled; otherwise the
   * scheduler's explanation, `0/2 clusters are available: 1 cluster(s) is frozen, ...`, or the
   * `Error` status's message with the plugin that failed.
   */
  readonly explanation: string;
}

/**
 * Runs one scheduling cycle: builds the framework from `registrations` and `profile` (a bad
 * profile throws its `ValidationError`, as at startup), then core's `Scheduler` over `clusters`
 * for `binding`, and returns the result with its explanation.
 *
 * ```ts
 * const { placement, explanation } = await scheduleOnce({
 *   registrations: [frozenRegistration],
 *   profile: { schedulerName: 'test', plugins: { filter: { enabled: [{ name: 'Frozen' }] } } },
 *   clusters: [makeCluster('m1').labels({ frozen: 'true' }).build(), makeCluster('m2').build()],
 *   binding: makeBinding('web', { replicas: 2 }),
 * });
 * // placement { m2: 2 }
 * ```
 * @public
 */
export async function scheduleOnce(input: ScheduleOnceInput): Promise<ScheduleOnceOutcome> {
  const now = input.now ?? 0;
  const framework = new SchedulerFramework(input.registrations, input.profile, { now: () => now });
  const scheduler = new Scheduler(
    framework,
    input.strategies ?? [new TopRankedStrategy()],
    input.estimators ?? [],
    { equivalenceCache: input.equivalenceCache ?? true },
  );
  const result = await scheduler.schedule(input.binding, input.clusters, now);
  if (!result.ok) {
    const explanation = result.fitError
      ? result.fitError.message()
      : `${result.status.code}${result.status.plugin ? ` from ${result.status.plugin}` : ''}: ${result.status.message()}`;
    return { result, placement: {}, ranking: [], explanation };
  }
  const placement = Object.fromEntries(result.clusters.map((t) => [t.name, t.replicas]));
  const ranking = result.scored.map((s) => ({ cluster: s.cluster.metadata.name, score: s.score }));
  const placed = result.clusters.map((t) => `${t.name}=${t.replicas}`).join(', ');
  const ranked = ranking.map((r) => `${r.cluster} ${r.score}`).join(', ');
  return {
    result,
    placement,
    ranking,
    explanation: `placed by ${result.strategy}: ${placed || 'nothing'}; ranking ${ranked}`,
  };
}
