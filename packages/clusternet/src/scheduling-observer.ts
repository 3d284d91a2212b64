import type { FailoverObserver, ScheduleAttempt } from '@lifeboat/core';
import type { ClusternetMetrics } from './metrics';

const RESULT_LABEL: Readonly<Record<ScheduleAttempt['result'], string>> = {
  Scheduled: 'scheduled',
  Unschedulable: 'unschedulable',
  Error: 'error',
};

/**
 * Exports every scheduling attempt core's scheduling controller makes under Clusternet's names:
 * `clusternet_scheduler_schedule_attempts_total` and
 * `clusternet_scheduler_e2e_scheduling_duration_seconds`, labelled `scheduled`,
 * `unschedulable` or `error` and with the profile.
 * @public
 */
export class ClusternetSchedulingObserver implements FailoverObserver {
  constructor(
    private readonly metrics: ClusternetMetrics,
    private readonly profile: string,
  ) {}

  scheduleAttempt(attempt: ScheduleAttempt): void {
    const labels = { result: RESULT_LABEL[attempt.result], profile: this.profile };
    this.metrics.scheduleAttempts.inc(labels);
    this.metrics.e2eSchedulingDuration.observe(
      labels,
      (attempt.finishedAt - attempt.startedAt) / 1000,
    );
  }
}
