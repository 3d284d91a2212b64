import {
  structuralKey,
  type AssignContext,
  type Binding,
  type ScoredCluster,
} from '@lifeboat/core';
import { freeReplicas } from './replica-context';
import {
  selectClusters,
  selectFromPlan,
  spreadPlan,
  type Selection,
  type SpreadPlan,
} from './select-clusters';

/** A plan and the selections made from it, by division and replica count. */
interface PlanEntry {
  readonly plan: SpreadPlan;
  readonly selections: Map<string, Selection>;
}

/** What is remembered for one candidate list and capacity answer. */
interface AnswerEntry {
  /** Some candidate has no finite answer, so its room is the binding's replica count. */
  readonly unbounded: boolean;
  readonly plans: Map<string, PlanEntry>;
}

/**
 * Shares Karmada's spread selection ({@link selectClusters}) between the bindings of an
 * equivalence class of its inputs: the candidate list, the capacity answer and the spread
 * constraints give the ranking and topology groups (the sort, once per class); the replica
 * count and whether the binding is divided then give the selection (the group search, once per
 * replica count). Core's scheduler hands the same (immutable) candidate list and capacity answer
 * to every binding of a scheduling class and builds new ones when a cluster, a verdict, a score
 * or an answer changes, so entries are dropped exactly when their inputs change (with the list
 * or answer they hang off). A binding that holds replicas somewhere counts them as room of its
 * own and is selected alone.
 * @internal
 */
export class SpreadSelectionCache {
  private readonly byList = new WeakMap<
    readonly ScoredCluster[],
    WeakMap<ReadonlyMap<string, number>, AnswerEntry>
  >();

  select(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
    divided: boolean,
  ): Selection {
    const constraints = binding.spec.placement.spreadConstraints;
    if (!constraints?.length || holdsReplicas(binding))
      return selectClusters(binding, candidates, context, divided);
    const answer = this.answerEntry(candidates, context.availableReplicas);
    const replicas = binding.spec.replicas;
    // An unbounded candidate's room is the replica count, so the plan is per replica count then.
    const planKey = answer.unbounded
      ? `${replicas}:${structuralKey(constraints)}`
      : structuralKey(constraints);
    let entry = answer.plans.get(planKey);
    if (!entry) {
      const plan = spreadPlan(constraints, candidates, (name) =>
        freeReplicas(binding, context, name),
      );
      entry = { plan, selections: new Map() };
      answer.plans.set(planKey, entry);
    }
    const key = `${divided ? 'divided' : 'whole'}:${replicas}`;
    let selection = entry.selections.get(key);
    if (!selection) {
      selection = selectFromPlan(entry.plan, replicas, divided);
      entry.selections.set(key, selection);
    }
    return selection;
  }

  private answerEntry(
    candidates: readonly ScoredCluster[],
    available: ReadonlyMap<string, number>,
  ): AnswerEntry {
    let byAnswer = this.byList.get(candidates);
    if (!byAnswer) {
      byAnswer = new WeakMap();
      this.byList.set(candidates, byAnswer);
    }
    let entry = byAnswer.get(available);
    if (!entry) {
      const unbounded = candidates.some((c) => {
        const free = available.get(c.cluster.metadata.name);
        return free === undefined || !Number.isFinite(free);
      });
      entry = { unbounded, plans: new Map() };
      byAnswer.set(available, entry);
    }
    return entry;
  }
}

/** Whether any target holds replicas (the selection then counts them as the binding's own room). */
function holdsReplicas(binding: Binding): boolean {
  return (binding.spec.clusters ?? []).some((t) => t.replicas !== 0);
}
