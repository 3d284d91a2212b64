import type { FailoverObserver, ScheduleAttempt } from '@lifeboat/core';
import type { KarmadaMetrics } from '../metrics';

const RESULT: Readonly<Record<ScheduleAttempt['result'], string>> = {
  Scheduled: 'scheduled',
  Unschedulable: 'unschedulable',
  Error: 'error',
};

/**
 * Exports every attempt of core's scheduling controller under Karmada's scheduler metric names:
 * `karmada_scheduler_schedule_attempts_total` and `karmada_scheduler_e2e_scheduling_duration_seconds`
 * by `result` and `schedule_type`. Karmada knows two schedule types: a first placement is a
 * `ReconcileSchedule` there, like any placement change; `ScaleSchedule` is a change of replicas,
 * which is how an eviction shows up for divided workloads.
 * @public
 */
export class SchedulerMetricsObserver implements FailoverObserver {
  constructor(private readonly metrics: KarmadaMetrics) {}

  scheduleAttempt(attempt: ScheduleAttempt): void {
    const labels = {
      result: RESULT[attempt.result],
      schedule_type: attempt.scheduleType === 'Scale' ? 'ScaleSchedule' : 'ReconcileSchedule',
    };
    this.metrics.scheduleAttemptsTotal.inc(labels);
    this.metrics.e2eSchedulingDuration.observe(
      labels,
      Math.max(0, attempt.finishedAt - attempt.startedAt) / 1000,
    );
  }
}
