import {
  matchesClusterSelector,
  type AssignResult,
  type Binding,
  type Cluster,
  type ScoredCluster,
  type SchedulingStrategy,
  type StaticWeightRule,
} from '@lifeboat/core';
import { tieBreakKey } from './replica-context';
import { divideByStaticWeight } from './static-weight-division';
import { STATIC_WEIGHT_STRATEGY } from './strategy-names';

/** A cluster's static weight: the largest weight among the rules whose selector matches it, else 0. @public */
export function staticWeightOf(cluster: Cluster, rules: readonly StaticWeightRule[]): number {
  let weight = 0;
  for (const rule of rules)
    if (rule.weight > weight && matchesClusterSelector(rule.targetCluster, cluster))
      weight = rule.weight;
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

  /** Weights per rule list and cluster object: bindings of one policy share the list, and both are immutable. */
  private readonly weights = new WeakMap<readonly StaticWeightRule[], WeakMap<Cluster, number>>();

  assign(binding: Binding, candidates: readonly ScoredCluster[]): AssignResult {
    const scheduling = binding.spec.placement.replicaScheduling;
    const rules =
      scheduling.type === 'Divided' && scheduling.division === 'StaticWeight'
        ? scheduling.staticWeightList
        : [];
    let byCluster = this.weights.get(rules);
    if (!byCluster) {
      byCluster = new WeakMap();
      this.weights.set(rules, byCluster);
    }
    const known = byCluster;
    const weightOf = (cluster: Cluster): number => {
      let weight = known.get(cluster);
      if (weight === undefined) {
        weight = staticWeightOf(cluster, rules);
        known.set(cluster, weight);
      }
      return weight;
    };
    const weighted = candidates.map((c) => ({
      name: c.cluster.metadata.name,
      weight: weightOf(c.cluster),
    }));
    return {
      clusters: divideByStaticWeight(binding.spec.replicas, weighted, tieBreakKey(binding)),
    };
  }
}
