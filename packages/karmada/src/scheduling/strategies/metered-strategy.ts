import { assignedReplicas, type AssignContext, type AssignResult, type Binding, type ScoredCluster, type SchedulingStrategy } from '@lifeboat/core';
import type { KarmadaMetrics } from '../../metrics';

/**
 * Wraps a {@link SchedulingStrategy} to count `karmada_scheduler_schedule_attempts_total`
 * for every division it attempts. It changes no result.
 * @public
 */
export class MeteredStrategy implements SchedulingStrategy {
  readonly name: string;

  constructor(
    private readonly inner: SchedulingStrategy,
    private readonly metrics: KarmadaMetrics,
  ) {
    this.name = inner.name;
  }

  appliesTo(binding: Binding): boolean {
    return this.inner.appliesTo(binding);
  }

  assign(binding: Binding, candidates: readonly ScoredCluster[], context: AssignContext): AssignResult {
    const result = this.inner.assign(binding, candidates, context);
    const divided = binding.spec.placement.replicaScheduling.type === 'Divided';
    const scale = divided && binding.spec.clusters !== undefined && assignedReplicas(binding) !== binding.spec.replicas;
    this.metrics.scheduleAttemptsTotal.inc({
      result: result.status ? 'unschedulable' : 'scheduled',
      schedule_type: scale ? 'ScaleSchedule' : 'ReconcileSchedule',
    });
    return result;
  }
}
