import type { Binding, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { CycleState } from '../scheduler/cycle-state';
import type { Status } from '../scheduler/status';
import { multiToken } from './token';
import type { WorkloadGroupView } from './workload-groups';

/** Scores are integers in 0..100 after normalization. @public */
export const MIN_CLUSTER_SCORE = 0;
/** @public */
export const MAX_CLUSTER_SCORE = 100;

/** The standard extension points, in the order a cycle runs them. @public */
export const EXTENSION_POINTS = [
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
] as const;

/** A standard extension point name. @public */
export type StandardExtensionPoint = (typeof EXTENSION_POINTS)[number];

/** Where a plugin must run among the plugins of one point. @public */
export type PluginPosition = 'first' | 'last';

/**
 * Every plugin has a unique name (PascalCase, e.g. `TaintToleration`) that profiles refer to.
 * A plugin implements the point interfaces it needs; the runtime finds them by their methods.
 * @public
 */
export interface SchedulerPlugin {
  readonly name: string;
  /**
   * Points where the plugin's contract needs it to run first or last, by point name (e.g.
   * `{ filter: 'last' }` for a post-filter that reads which clusters only its own filter
   * rejected). The framework moves it there whatever order the profile lists, so a profile
   * merged from a flavour's cannot break it; two plugins asking for the same end of one point
   * are a `WiringError`.
   */
  readonly order?: Readonly<Partial<Record<string, PluginPosition>>>;
}

/**
 * Runs once per cycle before filtering. May narrow the candidates by returning `clusters` (names);
 * `Skip` turns off this plugin's filter for the cycle; a rejection makes the binding
 * unschedulable without filtering; `Error` aborts.
 * @public
 */
export interface PreFilterPlugin extends SchedulerPlugin {
  preFilter(
    state: CycleState,
    binding: Binding,
    clusters: readonly Cluster[],
  ): PreFilterResult | Promise<PreFilterResult>;
}

/** What a pre-filter returns. @public */
export interface PreFilterResult {
  readonly status: Status;
  /** Only these cluster names stay candidates. */
  readonly clusters?: ReadonlySet<string>;
}

/**
 * Lets the scheduler share a plugin's results between bindings (kube-scheduler's old equivalence
 * cache). Both methods are optional; a plugin without `equivalenceKey` is run for every binding
 * on every cluster, as before.
 *
 * The promise a plugin makes by implementing `equivalenceKey`: for two bindings with the same
 * key, `filter` (or `score`) returns the same result on the same cluster object, except on the
 * clusters `bindingSpecificClusters` names for either binding, and `normalizeScore` turns the
 * same scores into the same normalized scores. The result may depend on the
 * cluster and on what of the binding went into the key, and on nothing else (not on time, not on
 * cycle state written for one binding only; state the plugin's own pre-filter derives from what
 * went into the key is fine, and a post-filter may change it: nominations are filtered again
 * without sharing).
 * @public
 */
export interface EquivalenceHints {
  /**
   * A string naming everything of the binding this plugin's result depends on (e.g. the
   * placement's tolerations), or `undefined` when this binding's results must not be shared.
   */
  equivalenceKey?(binding: Binding): string | undefined;
  /**
   * Clusters on which this binding's result may differ from that of other bindings with the
   * same key (e.g. the clusters it already runs on); the scheduler asks the plugin again for
   * these, with this binding. Keep it short: it is read on every cycle.
   */
  bindingSpecificClusters?(binding: Binding): Iterable<string> | undefined;
}

/**
 * Is the cluster feasible for the binding? Called per cluster, in profile order; the first
 * non-success excludes the cluster and is what the explanation shows. Must be synchronous and
 * pure: it runs on the hot path and its results may be shared between bindings with the same
 * placement.
 * @public
 */
export interface FilterPlugin extends SchedulerPlugin, EquivalenceHints {
  filter(state: CycleState, binding: Binding, cluster: Cluster): Status;
}

/**
 * Runs when no cluster is feasible, or when the strategy could not place the replicas on the
 * feasible ones (`context.unassigned`, e.g. too little capacity), in order, until one returns
 * success with `nominated` clusters to use instead. Used for fallbacks (e.g. the next affinity
 * group): a plugin may change what its own filter accepts through the cycle state it writes here.
 * The nominated clusters then go through the pre-filter narrowing and every filter again, with
 * that cycle state, and only those that pass are candidates: a nomination cannot bypass a filter.
 * The scheduler runs at most {@link MAX_POST_FILTER_ROUNDS} rounds per cycle.
 * @public
 */
export interface PostFilterPlugin extends SchedulerPlugin {
  postFilter(
    state: CycleState,
    binding: Binding,
    rejected: ReadonlyMap<string, Status>,
    context?: PostFilterContext,
  ): PostFilterResult | Promise<PostFilterResult>;
}

/** Why the post-filters run, beyond the filters' rejections. @public */
export interface PostFilterContext {
  /**
   * Set when every filter passed `clusters` (names, in name order) but the strategy could not
   * place the replicas on them; `status` is the strategy's verdict. Unset: no cluster was feasible.
   */
  readonly unassigned?: { readonly clusters: readonly string[]; readonly status: Status };
}

/** Post-filter rounds one scheduling cycle runs at most (each may nominate other clusters). @public */
export const MAX_POST_FILTER_ROUNDS = 16;

/** What a post-filter returns. @public */
export interface PostFilterResult {
  readonly status: Status;
  readonly nominated?: readonly string[];
}

/**
 * Runs once over the feasible clusters before scoring, to precompute shared data; `Skip` turns
 * off this plugin's score for the cycle; `Error` aborts.
 * @public
 */
export interface PreScorePlugin extends SchedulerPlugin {
  preScore(
    state: CycleState,
    binding: Binding,
    clusters: readonly Cluster[],
  ): Status | Promise<Status>;
}

/** A cluster's score from one plugin. @public */
export interface ClusterScore {
  readonly name: string;
  score: number;
}

/**
 * Scores each feasible cluster (synchronously). If `normalizeScore` is present it rescales the
 * plugin's own scores in place to 0..100; without it raw scores must already lie in 0..100.
 * The runtime multiplies by the profile weight and sums. Scores are shared between bindings
 * (see {@link EquivalenceHints}) only for plugins without `normalizeScore`.
 * @public
 */
export interface ScorePlugin extends SchedulerPlugin, EquivalenceHints {
  score(state: CycleState, binding: Binding, cluster: Cluster): number;
  normalizeScore?(state: CycleState, binding: Binding, scores: ClusterScore[]): Status;
}

/**
 * Claims what the chosen placement needs before it is written (e.g. capacity in a cache shared
 * across bindings). If a reserve fails the later ones are not run and `unreserve` runs for all,
 * in reverse order; `unreserve` must be idempotent and cannot fail.
 * @public
 */
export interface ReservePlugin extends SchedulerPlugin {
  reserve(state: CycleState, binding: Binding, placement: readonly TargetCluster[]): Status;
  unreserve(state: CycleState, binding: Binding, placement: readonly TargetCluster[]): void;
}

/** Read access a plugin factory gets to the rest of the system. @public */
export interface FrameworkHandle {
  /** The clock; plugins never read time any other way. */
  now(): number;
  /**
   * Where the other workloads of a binding's groups run (from `registerCore`'s
   * `WORKLOAD_GROUPS`); absent in a framework built without it.
   */
  readonly workloadGroups?: WorkloadGroupView;
}

/**
 * How a plugin comes into being: a name and a factory that receives its args (from the profile's
 * `pluginConfig`, validated by the factory) and the handle. Registered many times under
 * {@link SCHEDULER_PLUGINS}; the profile decides which run where.
 * @public
 */
export interface PluginRegistration {
  readonly name: string;
  /**
   * Builds the plugin. Validate `args` with `parseWith(schema, args)` (paths relative to the
   * args): the framework reports a `ValidationError` thrown here under the profile's
   * `pluginConfig[i].args`.
   */
  readonly factory: (args: unknown, handle: FrameworkHandle) => SchedulerPlugin;
  /**
   * Extension points beyond core's standard ones that this plugin serves (a flavour's own
   * points, e.g. Clusternet's `predict`). A profile may name a point only when it is standard
   * or declared here by some registration; the flavour runs its own points.
   */
  readonly extensionPoints?: readonly string[];
}

/** Every plugin registration (multi-registration, resolved with `injectAll`). @public */
export const SCHEDULER_PLUGINS = multiToken<PluginRegistration>('SchedulerPlugins');
