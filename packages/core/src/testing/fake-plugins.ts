import type { FilterPlugin, PluginRegistration, ScorePlugin } from '../contracts/scheduler-plugins';
import type { Cluster } from '../model/cluster';
import { findUntoleratedTaint } from '../model/toleration';
import { Status } from '../scheduler/status';

/** A filter plugin that rejects the named clusters with `reason`. @public */
export function rejectClusters(
  name: string,
  clusters: readonly string[],
  reason = 'rejected by test',
): PluginRegistration {
  const plugin: FilterPlugin = {
    name,
    filter: (_s, _b, cluster: Cluster) =>
      clusters.includes(cluster.metadata.name) ? Status.unschedulable(reason) : Status.success,
  };
  return { name, factory: () => plugin };
}

/** A score plugin giving fixed raw scores by cluster name (0 for others). @public */
export function fixedScores(
  name: string,
  scores: Readonly<Record<string, number>>,
): PluginRegistration {
  const plugin: ScorePlugin = {
    name,
    score: (_s, _b, cluster: Cluster) => scores[cluster.metadata.name] ?? 0,
  };
  return { name, factory: () => plugin };
}

/**
 * A filter plugin that rejects clusters with a `NoSchedule` or `NoExecute` taint the binding does
 * not tolerate (reason `had an untolerated taint`), for compositions that need no flavour.
 * @public
 */
export function untoleratedTaintFilter(name: string): PluginRegistration {
  const plugin: FilterPlugin = {
    name,
    filter: (_s, binding, cluster: Cluster) =>
      findUntoleratedTaint(
        cluster.spec.taints ?? [],
        binding.spec.placement.clusterTolerations ?? [],
        (t) => t.effect !== 'PreferNoSchedule',
      )
        ? Status.unschedulable('had an untolerated taint')
        : Status.success,
  };
  return { name, factory: () => plugin };
}
