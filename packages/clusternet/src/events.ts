import type { EventRecorder, LifeboatEvent } from '@lifeboat/core';
import type { ClusternetMetrics } from './metrics';

/** Event reasons as Clusternet spells them. @public */
export const ClusternetEventReason = {
  Scheduled: 'Scheduled',
  FailedScheduling: 'FailedScheduling',
  FailedUpdatingClusterStatus: 'FailedUpdatingClusterStatus',
} as const;

/** Clusternet truncates event messages at this length (`NoteLengthLimit`). @public */
export const NOTE_LENGTH_LIMIT = 1024;

/**
 * Passes core's events on under Clusternet's names: the scheduler's `Unschedulable` becomes
 * Warning `FailedScheduling` (message truncated at 1024 characters), and each `Scheduled` or
 * `FailedScheduling` counts one `schedule_attempts_total`. Core records a scheduling event only
 * when the outcome changes, so the counter counts outcome changes, not every cycle.
 * @public
 */
export class ClusternetEventRecorder implements EventRecorder {
  constructor(
    private readonly inner: EventRecorder,
    private readonly metrics: ClusternetMetrics,
    private readonly profile: string,
  ) {}

  record(event: LifeboatEvent): void {
    if (event.kind === 'Binding' && event.reason === 'Unschedulable') {
      this.metrics.scheduleAttempts.inc({ result: 'unschedulable', profile: this.profile });
      this.inner.record({ ...event, type: 'Warning', reason: ClusternetEventReason.FailedScheduling, message: event.message.slice(0, NOTE_LENGTH_LIMIT) });
      return;
    }
    if (event.kind === 'Binding' && event.reason === ClusternetEventReason.Scheduled) {
      this.metrics.scheduleAttempts.inc({ result: 'scheduled', profile: this.profile });
    }
    this.inner.record(event);
  }
}
