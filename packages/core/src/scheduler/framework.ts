import {
  MAX_CLUSTER_SCORE,
  MIN_CLUSTER_SCORE,
  type ClusterScore,
  type FilterPlugin,
  type FrameworkHandle,
  type PluginRegistration,
  type PostFilterContext,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ReservePlugin,
  type SchedulerPlugin,
  type ScorePlugin,
} from '../contracts/scheduler-plugins';
import type { Binding, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { CycleState } from './cycle-state';
import { enablePlugins, type EnabledPlugin } from './enabled-plugins';
import type { SchedulerProfile } from './profile';
import { Status } from './status';

function guard<T>(plugin: string, run: () => T, onError: (status: Status) => T): T {
  try {
    return run();
  } catch (error) {
    return onError(Status.error(error).withPlugin(plugin));
  }
}

function outOfRange(plugin: string, cluster: string, score: number): Status {
  return Status.error(
    new RangeError(
      `plugin "${plugin}" scored cluster "${cluster}" ${score}; scores must lie in ` +
        `[${MIN_CLUSTER_SCORE}, ${MAX_CLUSTER_SCORE}] after normalizing`,
    ),
  ).withPlugin(plugin);
}

function inRange(score: number): boolean {
  return score >= MIN_CLUSTER_SCORE && score <= MAX_CLUSTER_SCORE;
}

/**
 * A binding's equivalence class key and each filter's own key (`undefined` for a skipped
 * filter), in profile order.
 * @public
 */
export interface EquivalenceKeys {
  readonly key: string;
  readonly filterKeys: readonly (string | undefined)[];
  /**
   * A score plugin normalizes: a total depends on the other candidates' scores, so the ranking
   * is shared only by bindings whose candidates are the class's very list.
   */
  readonly normalized: boolean;
}

/** The narrowed candidates and the verdict of the pre-filter points. @public */
export interface PreFilterOutcome {
  readonly status: Status;
  /** Only these names stay candidates (intersection of what the plugins returned). */
  readonly clusters?: ReadonlySet<string>;
  /** Plugins that returned Skip: their filter does not run this cycle. */
  readonly skipped: ReadonlySet<string>;
}

/**
 * Runs plugins at the extension points as a profile says (kube-scheduler's framework runtime).
 * Built once per profile from the registrations; each plugin is constructed once even when it
 * serves several points. Standard points have `run*` methods; points a flavour defines are
 * read with {@link SchedulerFramework.pluginsAt} and run by the flavour.
 * @public
 */
export class SchedulerFramework {
  private readonly points: ReadonlyMap<string, readonly EnabledPlugin[]>;
  private readonly filters: FilterPlugin[];
  private readonly scores: readonly EnabledPlugin<ScorePlugin>[];

  /**
   * @throws ValidationError naming the field path of every problem in the profile: an unknown
   * extension point, an unregistered plugin, a plugin enabled twice at a point or at a standard
   * point whose method it lacks, a bad weight, args the plugin's factory rejects.
   * @throws WiringError when two registrations share a name or two plugins declare the same
   * end of one point (see `SchedulerPlugin.order`).
   */
  constructor(
    registrations: readonly PluginRegistration[],
    readonly profile: SchedulerProfile,
    handle: FrameworkHandle,
  ) {
    this.points = enablePlugins(registrations, profile, handle);
    this.filters = this.pluginsAt<FilterPlugin>('filter').map((e) => e.plugin);
    this.scores = this.pluginsAt<ScorePlugin>('score');
  }

  /** The plugins enabled at `point`, in order, with their weights. */
  pluginsAt<P extends SchedulerPlugin>(point: string): readonly EnabledPlugin<P>[] {
    return (this.points.get(point) ?? []) as readonly EnabledPlugin<P>[];
  }

  /** Whether any plugin runs at `preScore` (most profiles have none: the point is skipped). */
  get hasPreScorePlugins(): boolean {
    return this.pluginsAt('preScore').length > 0;
  }

  /** kube-scheduler's RunPreFilterPlugins: the intersection of what the plugins narrowed to. */
  async runPreFilterPlugins(
    state: CycleState,
    binding: Binding,
    clusters: readonly Cluster[],
  ): Promise<PreFilterOutcome> {
    let narrowed: Set<string> | undefined;
    const skipped = new Set<string>();
    for (const { plugin } of this.pluginsAt<PreFilterPlugin>('preFilter')) {
      let result;
      try {
        result = await plugin.preFilter(state, binding, clusters);
      } catch (error) {
        return { status: Status.error(error).withPlugin(plugin.name), skipped };
      }
      if (result.status.isSkip()) {
        skipped.add(plugin.name);
        continue;
      }
      if (!result.status.isSuccess())
        return { status: result.status.withPlugin(plugin.name), skipped };
      if (result.clusters) {
        const names = result.clusters;
        narrowed = narrowed ? new Set([...narrowed].filter((n) => names.has(n))) : new Set(names);
      }
    }
    return { status: Status.success, clusters: narrowed, skipped };
  }

  /** kube-scheduler's RunFilterPlugins: the first non-success of the filters for this cluster, with its plugin. */
  runFilterPlugins(
    state: CycleState,
    binding: Binding,
    cluster: Cluster,
    skipped?: ReadonlySet<string>,
  ): Status {
    for (const plugin of this.filters) {
      if (skipped?.has(plugin.name)) continue;
      // try/catch inline rather than through guard(): this runs per plugin per cluster per binding.
      let status: Status;
      try {
        status = plugin.filter(state, binding, cluster);
      } catch (error) {
        status = Status.error(error);
      }
      if (!status.isSuccess()) return status.withPlugin(plugin.name);
    }
    return Status.success;
  }

  /**
   * kube-scheduler's RunPostFilterPlugins: the first plugin's success (with its nominations)
   * ends the point; otherwise the last rejection. The caller re-checks the nominations with
   * {@link SchedulerFramework.runFilterPlugins}.
   */
  async runPostFilterPlugins(
    state: CycleState,
    binding: Binding,
    rejected: ReadonlyMap<string, Status>,
    context?: PostFilterContext,
  ): Promise<PostFilterResult> {
    let last: Status = Status.unschedulable('no post-filter plugin made the binding schedulable');
    for (const { plugin } of this.pluginsAt<PostFilterPlugin>('postFilter')) {
      let result;
      try {
        result = await plugin.postFilter(state, binding, rejected, context);
      } catch (error) {
        return { status: Status.error(error).withPlugin(plugin.name) };
      }
      if (result.status.isSuccess()) return result;
      if (result.status.code === 'Error') return { status: result.status.withPlugin(plugin.name) };
      last = result.status.withPlugin(plugin.name);
    }
    return { status: last };
  }

  /** kube-scheduler's RunPreScorePlugins; returns the plugins that skipped (their scores do not run). */
  async runPreScorePlugins(
    state: CycleState,
    binding: Binding,
    clusters: readonly Cluster[],
  ): Promise<{ status: Status; skipped: ReadonlySet<string> }> {
    const skipped = new Set<string>();
    for (const { plugin } of this.pluginsAt<PreScorePlugin>('preScore')) {
      let status: Status;
      try {
        status = await plugin.preScore(state, binding, clusters);
      } catch (error) {
        return { status: Status.error(error).withPlugin(plugin.name), skipped };
      }
      if (status.isSkip()) skipped.add(plugin.name);
      else if (!status.isSuccess()) return { status: status.withPlugin(plugin.name), skipped };
    }
    return { status: Status.success, skipped };
  }

  /**
   * kube-scheduler's RunScorePlugins: the total weighted score per cluster (same order as
   * `clusters`): each plugin scores every cluster, normalizes its own list, the runtime checks
   * 0..100, multiplies by the weight and sums.
   */
  runScorePlugins(
    state: CycleState,
    binding: Binding,
    clusters: readonly Cluster[],
    skipped?: ReadonlySet<string>,
  ): { status: Status; totals: number[] } {
    const totals = new Array<number>(clusters.length).fill(0);
    for (const { plugin, weight } of this.scores) {
      if (skipped?.has(plugin.name)) continue;
      if (!plugin.normalizeScore) {
        // Nothing rescales these scores: add them up directly, without a score list per plugin.
        for (let i = 0; i < clusters.length; i++) {
          const cluster = clusters[i] as Cluster;
          let score: number;
          try {
            score = plugin.score(state, binding, cluster);
          } catch (error) {
            return { status: Status.error(error).withPlugin(plugin.name), totals };
          }
          if (!inRange(score))
            return { status: outOfRange(plugin.name, cluster.metadata.name, score), totals };
          totals[i] = (totals[i] as number) + score * weight;
        }
        continue;
      }
      const scores: ClusterScore[] = [];
      try {
        for (const cluster of clusters)
          scores.push({
            name: cluster.metadata.name,
            score: plugin.score(state, binding, cluster),
          });
      } catch (error) {
        return { status: Status.error(error).withPlugin(plugin.name), totals };
      }
      const normalize = plugin.normalizeScore.bind(plugin);
      const normalized = guard(
        plugin.name,
        () => normalize(state, binding, scores),
        (s) => s,
      );
      if (!normalized.isSuccess()) return { status: normalized.withPlugin(plugin.name), totals };
      for (let i = 0; i < scores.length; i++) {
        const { name, score } = scores[i] as ClusterScore;
        if (!inRange(score)) return { status: outOfRange(plugin.name, name, score), totals };
        totals[i] = (totals[i] as number) + score * weight;
      }
    }
    return { status: Status.success, totals };
  }

  /**
   * The key of the binding's equivalence class for the filter and score points: bindings with
   * equal keys get the same filter verdicts and scores on every cluster, apart from the clusters
   * {@link SchedulerFramework.bindingSpecificClusters} names. `undefined` when the results cannot
   * be shared: a filter or score plugin that runs (not skipped) has no `equivalenceKey` or
   * returns `undefined`, or a pre-score plugin is enabled (its cycle state may feed the scores).
   * With a normalizing score plugin the totals also depend on the other candidates, so bindings
   * of a class share the ranking only when their candidates are the same.
   */
  equivalenceKey(binding: Binding, skipped?: ReadonlySet<string>): string | undefined {
    return this.equivalence(binding, skipped)?.key;
  }

  /**
   * {@link SchedulerFramework.equivalenceKey} with each filter's own key (`undefined` for a
   * skipped filter, in profile order): a filter's verdicts can be shared by every binding with
   * the same key for that filter, beyond the class.
   */
  equivalence(binding: Binding, skipped?: ReadonlySet<string>): EquivalenceKeys | undefined {
    if (this.hasPreScorePlugins) return undefined;
    let key = '';
    const filterKeys: (string | undefined)[] = [];
    for (const plugin of this.filters) {
      if (skipped?.has(plugin.name)) {
        key += `${plugin.name}:skipped\u0000`;
        filterKeys.push(undefined);
        continue;
      }
      const part = plugin.equivalenceKey?.(binding);
      if (part === undefined) return undefined;
      const own = `${plugin.name}:${part}`;
      filterKeys.push(own);
      key += `${own}\u0000`;
    }
    key += '|';
    let normalized = false;
    for (const { plugin, weight } of this.scores) {
      const part = plugin.equivalenceKey?.(binding);
      if (part === undefined) return undefined;
      if (plugin.normalizeScore) normalized = true;
      key += `${plugin.name}*${weight}:${part}\u0000`;
    }
    return { key, filterKeys, normalized };
  }

  /**
   * {@link SchedulerFramework.runFilterPlugins} where each filter's verdict on the cluster at `position`
   * is read from, or else computed and written to, `tables[i]` (one table per filter, by cluster
   * position; `undefined` for a skipped filter). Only for clusters whose verdicts may be shared
   * (not binding-specific to this binding).
   */
  runFilterPluginsShared(
    state: CycleState,
    binding: Binding,
    cluster: Cluster,
    position: number,
    tables: readonly ((Status | undefined)[] | undefined)[],
  ): Status {
    for (let i = 0; i < this.filters.length; i++) {
      const table = tables[i];
      if (!table) continue;
      let status = table[position];
      if (status === undefined) {
        const plugin = this.filters[i] as FilterPlugin;
        status = guard(
          plugin.name,
          () => plugin.filter(state, binding, cluster),
          (s) => s,
        ).withPlugin(plugin.name);
        if (status.code === 'Error') return status;
        table[position] = status;
      }
      if (!status.isSuccess()) return status;
    }
    return Status.success;
  }

  /** Union of the filter and score plugins' binding-specific clusters (see `EquivalenceHints`). */
  bindingSpecificClusters(binding: Binding, skipped?: ReadonlySet<string>): Set<string> {
    const names = new Set<string>();
    for (const plugin of this.filters) {
      if (skipped?.has(plugin.name)) continue;
      for (const name of plugin.bindingSpecificClusters?.(binding) ?? []) names.add(name);
    }
    for (const { plugin } of this.scores) {
      for (const name of plugin.bindingSpecificClusters?.(binding) ?? []) names.add(name);
    }
    return names;
  }

  /**
   * One cluster's weighted total over the score plugins, as {@link SchedulerFramework.runScorePlugins}
   * computes it when no plugin normalizes (the only case the scheduler shares scores in).
   */
  scoreCluster(
    state: CycleState,
    binding: Binding,
    cluster: Cluster,
  ): { status: Status; total: number } {
    let total = 0;
    for (const { plugin, weight } of this.scores) {
      let score: number;
      try {
        score = plugin.score(state, binding, cluster);
      } catch (error) {
        return { status: Status.error(error).withPlugin(plugin.name), total };
      }
      if (!inRange(score))
        return { status: outOfRange(plugin.name, cluster.metadata.name, score), total };
      total += score * weight;
    }
    return { status: Status.success, total };
  }

  /** kube-scheduler's RunReservePluginsReserve: in order; on the first failure every plugin un-reserves, in reverse. */
  runReservePlugins(
    state: CycleState,
    binding: Binding,
    placement: readonly TargetCluster[],
  ): Status {
    const plugins = this.pluginsAt<ReservePlugin>('reserve');
    for (const { plugin } of plugins) {
      const status = guard(
        plugin.name,
        () => plugin.reserve(state, binding, placement),
        (s) => s,
      );
      if (!status.isSuccess()) {
        this.runUnreservePlugins(state, binding, placement);
        return status.withPlugin(plugin.name);
      }
    }
    return Status.success;
  }

  /** kube-scheduler's RunReservePluginsUnreserve: every reserve plugin, in reverse order; never fails. */
  runUnreservePlugins(
    state: CycleState,
    binding: Binding,
    placement: readonly TargetCluster[],
  ): void {
    const plugins = this.pluginsAt<ReservePlugin>('reserve');
    for (let i = plugins.length - 1; i >= 0; i--) {
      const { plugin } = plugins[i] as EnabledPlugin<ReservePlugin>;
      try {
        plugin.unreserve(state, binding, placement);
      } catch {
        // Unreserve cannot fail by contract; a throwing plugin must not stop the others' cleanup.
      }
    }
  }
}
