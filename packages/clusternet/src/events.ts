import type { EventRecorder, LifeboatEvent } from '@lifeboat/core';

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
 * Warning `FailedScheduling`, its message truncated at 1024 characters; everything else passes
 * unchanged (core's `Scheduled` already has Clusternet's name).
 * @public
 */
export class ClusternetEventRecorder implements EventRecorder {
  constructor(private readonly inner: EventRecorder) {}

  record(event: LifeboatEvent): void {
    if (event.kind === 'Binding' && event.reason === 'Unschedulable') {
      this.inner.record({
        ...event,
        type: 'Warning',
        reason: ClusternetEventReason.FailedScheduling,
        message: event.message.slice(0, NOTE_LENGTH_LIMIT),
      });
      return;
    }
    this.inner.record(event);
  }
}
