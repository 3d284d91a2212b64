import { matchesClusterSelector, type AssignResult, type Binding, type Cluster, type ScoredCluster, type SchedulingStrategy, type StaticWeightRule } from '@lifeboat/core';
import { tieBreakKey } from './replica-context';
import { divideByStaticWeight } from './static-weight-division';
import { STATIC_WEIGHT_STRATEGY } from './strategy-names';

/** A cluster's static weight: the largest weight among the rules whose selector matches it, else 0. @public */
export function staticWeightOf(cluster: Cluster, rules: readonly StaticWeightRule[]): number {
  let weight = 0;
  for (const rule of rules) if (rule.weight > weight && matchesClusterSelector(rule.targetCluster, cluster)) weight = rule.weight;
  return weight;
}

/**
 * `Divided` + `Weighted` with a `staticWeightList` (or no weight preference): Webster over the
 * static weights, from scratch each time. As in Karmada, spread constraints and capacity are not
 * consulted for static weights. After an eviction the evicted cluster is no longer a candidate,
 * so its share goes to the others by weight.
 * @public
 */
export class StaticWeightStrategy implements SchedulingStrategy {
  readonly name = STATIC_WEIGHT_STRATEGY;

  appliesTo(binding: Binding): boolean {
    const scheduling = binding.spec.placement.replicaScheduling;
    return scheduling.type === 'Divided' && scheduling.division === 'StaticWeight';
  }

  assign(binding: Binding, candidates: readonly ScoredCluster[]): AssignResult {
    const scheduling = binding.spec.placement.replicaScheduling;
    const rules = scheduling.type === 'Divided' && scheduling.division === 'StaticWeight' ? scheduling.staticWeightList : [];
    const weighted = candidates.map((c) => ({ name: c.cluster.metadata.name, weight: staticWeightOf(c.cluster, rules) }));
    return { clusters: divideByStaticWeight(binding.spec.replicas, weighted, tieBreakKey(binding)) };
  }
}
