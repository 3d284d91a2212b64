import {
  sameTaint,
  type Cluster,
  type Taint,
  type TaintChange,
  type Tainter,
} from '@lifeboat/core';
import type { ClusterTaintPolicy } from './cluster-taint-policy';
import { ConditionTainter } from './condition-tainter';
import { evaluateTaintPolicy, sortTaintPolicies } from './taint-policy-evaluator';

/**
 * Karmada's taints as one {@link @lifeboat/core#Tainter}: the condition taints (NoSchedule), then each
 * ClusterTaintPolicy oldest first, applied in turn to the cluster's taint set; the change is the
 * difference from what the cluster carries. Taints nobody mentions (a manual cordon) are kept.
 * Policies are skipped when `policiesEnabled` is false (Karmada starts the policy controller only
 * with the Failover gate).
 * @public
 */
export class KarmadaTainter implements Tainter {
  private readonly conditionTainter = new ConditionTainter();
  private readonly policies: readonly ClusterTaintPolicy[];

  constructor(policies: readonly ClusterTaintPolicy[], policiesEnabled = true) {
    this.policies = policiesEnabled ? sortTaintPolicies(policies) : [];
  }

  reconcile(cluster: Cluster): TaintChange {
    const current = cluster.spec.taints ?? [];
    let taints: Taint[] = [...current];
    const apply = (
      add: readonly Taint[],
      remove: readonly Pick<Taint, 'key' | 'effect'>[],
    ): void => {
      taints = taints.filter((t) => !remove.some((r) => sameTaint(r, t)));
      for (const taint of add) if (!taints.some((t) => sameTaint(t, taint))) taints.push(taint);
    };
    const byCondition = this.conditionTainter.reconcile(cluster);
    apply(byCondition.add, byCondition.remove);
    for (const policy of this.policies) {
      const verdict = evaluateTaintPolicy(policy, cluster);
      if (verdict === 'add') apply(policy.taints, []);
      else if (verdict === 'remove') apply([], policy.taints);
    }
    return {
      add: taints.filter((t) => !current.some((c) => sameTaint(c, t))),
      remove: current
        .filter((c) => !taints.some((t) => sameTaint(t, c)))
        .map(({ key, effect }) => ({ key, effect })),
    };
  }
}
