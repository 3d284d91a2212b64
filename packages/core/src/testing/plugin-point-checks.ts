import {
  MAX_CLUSTER_SCORE,
  MIN_CLUSTER_SCORE,
  type ClusterScore,
  type FilterPlugin,
  type PluginRegistration,
  type PostFilterPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ReservePlugin,
  type SchedulerPlugin,
  type ScorePlugin,
} from '../contracts/scheduler-plugins';
import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { CycleState } from '../scheduler/cycle-state';
import type { Status, StatusCode } from '../scheduler/status';
import type { PluginConformanceOptions } from './plugin-conformance-options';
import { capped, generatedCases, handleOf, thrownMessage } from './plugin-under-test';

const REJECTIONS: readonly StatusCode[] = ['Unschedulable', 'UnschedulableAndUnresolvable'];
/** What each standard point may return on well-formed input (`Error` means a bug or I/O). */
const LEGAL: Readonly<Record<string, readonly StatusCode[]>> = {
  preFilter: ['Success', 'Skip', ...REJECTIONS],
  filter: ['Success', ...REJECTIONS],
  postFilter: ['Success', ...REJECTIONS],
  preScore: ['Success', 'Skip'],
  normalizeScore: ['Success'],
  reserve: ['Success', ...REJECTIONS],
};

const has = (plugin: SchedulerPlugin, method: string): boolean =>
  typeof (plugin as unknown as Record<string, unknown>)[method] === 'function';

function isThenable(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** What is wrong with a status a point returned, or undefined. */
function statusProblem(point: string, status: unknown): string | undefined {
  const s = status as Partial<Status> | null | undefined;
  if (typeof s?.code !== 'string' || !Array.isArray(s.reasons))
    return `${point} returned ${JSON.stringify(status)}, not a Status`;
  const legal = LEGAL[point] ?? [];
  if (!legal.includes(s.code))
    return `${point} returned ${s.code}${s.reasons.length ? ` (${s.reasons.join('; ')})` : ''}; legal at ${point}: ${legal.join(', ')}`;
  if (!REJECTIONS.includes(s.code)) return undefined;
  if (s.reasons.length === 0 || s.reasons.some((r) => typeof r !== 'string' || r.trim() === ''))
    return `${point} rejected without a reason; the explanation prints "N cluster(s) <reason>"`;
  const subject = s.reasons.find((r) => /^clusters?\b/i.test(r));
  if (subject)
    return `${point} reason "${subject}" starts with "cluster": it is printed after "N cluster(s) ", so write what follows the subject ("is frozen")`;
  return undefined;
}

const same = (a: Status, b: Status) =>
  a.code === b.code && a.reasons.join('\u0000') === b.reasons.join('\u0000');

/** Runs the plugin's points but score for one binding over one fleet, as a cycle would, collecting problems. */
async function runPoints(
  plugin: SchedulerPlugin,
  binding: Binding,
  clusters: readonly Cluster[],
  at: string,
): Promise<string[]> {
  const problems: string[] = [];
  const add = (problem: string | undefined, where = '') => {
    if (problem) problems.push(`${at}, binding ${binding.metadata.name}${where}: ${problem}`);
  };
  const state = new CycleState();
  const names = new Set(clusters.map((c) => c.metadata.name));
  let candidates = [...clusters];
  // Where a throw happened: the point, and the cluster for per-cluster points.
  let point = 'preFilter';
  let current = '';
  try {
    if (has(plugin, 'preFilter')) {
      const result = await (plugin as PreFilterPlugin).preFilter(state, binding, clusters);
      add(statusProblem('preFilter', result?.status));
      const unknown = [...(result?.clusters ?? [])].filter((n) => !names.has(n));
      if (unknown.length)
        add(`preFilter narrowed to clusters it was not given: ${unknown.join(', ')}`);
      if (result?.status?.code === 'Skip') return problems;
      if (result?.clusters)
        candidates = candidates.filter((c) => result.clusters?.has(c.metadata.name));
    }
    let feasible = candidates;
    const rejected = new Map<string, Status>();
    if (has(plugin, 'filter')) {
      feasible = [];
      point = 'filter';
      for (const cluster of candidates) {
        const where = `, cluster ${cluster.metadata.name}`;
        current = where;
        const status = (plugin as FilterPlugin).filter(state, binding, cluster);
        if (isThenable(status)) {
          add('filter returned a promise; filter must be synchronous', where);
          return problems;
        }
        const problem = statusProblem('filter', status);
        add(problem, where);
        if (problem) continue;
        const again = (plugin as FilterPlugin).filter(state, binding, cluster);
        if (!same(status, again))
          add(`filter is not pure: ${status.code} then ${again.code} for the same input`, where);
        if (status.code === 'Success') feasible.push(cluster);
        else rejected.set(cluster.metadata.name, status.withPlugin(plugin.name));
      }
    }
    current = '';
    if (has(plugin, 'postFilter') && feasible.length === 0 && rejected.size > 0) {
      point = 'postFilter';
      const result = await (plugin as PostFilterPlugin).postFilter(state, binding, rejected);
      add(statusProblem('postFilter', result?.status));
      const unknown = (result?.nominated ?? []).filter((n) => !names.has(n));
      if (unknown.length)
        add(`postFilter nominated clusters that do not exist: ${unknown.join(', ')}`);
    }
    if (has(plugin, 'preScore') && feasible.length > 0) {
      point = 'preScore';
      const status = await (plugin as PreScorePlugin).preScore(state, binding, feasible);
      add(statusProblem('preScore', status));
    }
    if (has(plugin, 'reserve') && feasible[0]) {
      point = 'reserve';
      const reserve = plugin as ReservePlugin;
      const placement = [{ name: feasible[0].metadata.name, replicas: binding.spec.replicas }];
      add(statusProblem('reserve', reserve.reserve(state, binding, placement)));
      reserve.unreserve(state, binding, placement);
      // Unreserve runs for every reserve plugin after any failure, so twice must be harmless.
      reserve.unreserve(state, binding, placement);
    }
  } catch (error) {
    add(
      `${point} threw ${thrownMessage(error)}; return a Status instead (Error for bugs and I/O)`,
      current,
    );
  }
  return problems;
}

/** Raw scores are finite numbers, the same on a second call; after normalizing, whole numbers in 0..100. */
function scoreProblems(
  plugin: ScorePlugin,
  state: CycleState,
  binding: Binding,
  clusters: readonly Cluster[],
): string[] {
  const problems: string[] = [];
  const scores: ClusterScore[] = [];
  for (const cluster of clusters) {
    const name = cluster.metadata.name;
    const score = plugin.score(state, binding, cluster);
    if (isThenable(score)) return ['score returned a promise; score must be synchronous'];
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      problems.push(`score of ${name} is ${String(score)}, not a finite number`);
      continue;
    }
    if (plugin.score(state, binding, cluster) !== score)
      problems.push(`score is not pure: two calls for ${name} differ`);
    scores.push({ name, score });
  }
  if (problems.length) return problems;
  if (plugin.normalizeScore) {
    const status = plugin.normalizeScore(state, binding, scores);
    const problem = statusProblem('normalizeScore', status);
    if (problem) return [problem];
  }
  const when = plugin.normalizeScore ? 'after normalizeScore' : 'without normalizeScore';
  for (const { name, score } of scores) {
    if (score < MIN_CLUSTER_SCORE || score > MAX_CLUSTER_SCORE)
      problems.push(
        `score of ${name} is ${score} ${when}; scores must lie in ${MIN_CLUSTER_SCORE}..${MAX_CLUSTER_SCORE}`,
      );
    else if (!Number.isInteger(score))
      problems.push(`score of ${name} is ${score} ${when}; use whole numbers`);
  }
  return problems;
}

/**
 * Runs the plugin's standard points on generated fleets and bindings, each cycle on its own
 * (pre-filter, filter per candidate, post-filter when nothing passed, pre-score, reserve and
 * unreserve twice; scores are {@link checkPluginScores}'), and returns every contract breach: a status code a
 * point may not return (`Error` on well-formed input included), a rejection without a reason or
 * with one that starts with "cluster", a filter or score that is asynchronous or gives another
 * answer on a second call, names of clusters it was not given, a throw.
 * @public
 */
export async function checkPluginStatuses(
  registration: PluginRegistration,
  options: PluginConformanceOptions = {},
): Promise<string[]> {
  const problems: string[] = [];
  for (const args of options.validArgs ?? [undefined]) {
    const plugin = registration.factory(args, handleOf(options));
    for (const { label, clusters, bindings } of generatedCases(options))
      for (const binding of bindings)
        problems.push(...(await runPoints(plugin, binding, clusters, label)));
  }
  return capped(problems);
}

/**
 * Scores on generated fleets: finite whole numbers, pure, and in 0..100 after the plugin's own
 * `normalizeScore` (or as they are without one). Returns the problems found.
 * @public
 */
export async function checkPluginScores(
  registration: PluginRegistration,
  options: PluginConformanceOptions = {},
): Promise<string[]> {
  const problems: string[] = [];
  for (const args of options.validArgs ?? [undefined]) {
    const plugin = registration.factory(args, handleOf(options));
    if (!has(plugin, 'score')) continue;
    for (const { label, clusters, bindings } of generatedCases(options))
      for (const binding of bindings) {
        try {
          // The plugin's own pre-points first: a score may read what they wrote.
          const state = new CycleState();
          if (has(plugin, 'preFilter'))
            await (plugin as PreFilterPlugin).preFilter(state, binding, clusters);
          if (has(plugin, 'preScore')) {
            const status = await (plugin as PreScorePlugin).preScore(state, binding, clusters);
            if (status?.code === 'Skip') continue;
          }
          for (const p of scoreProblems(plugin as ScorePlugin, state, binding, clusters))
            problems.push(`${label}, binding ${binding.metadata.name}: ${p}`);
        } catch (error) {
          problems.push(
            `${label}, binding ${binding.metadata.name}: threw ${thrownMessage(error)}`,
          );
        }
      }
  }
  return capped(problems);
}
