import pino, { type Logger } from 'pino';
import type { EventRecorder, LifeboatEvent } from '../contracts/event-recorder';

/** Logs every event at info (Normal) or warn (Warning). @public */
export class LoggingEventRecorder implements EventRecorder {
  constructor(private readonly logger: Logger) {}

  record(event: LifeboatEvent): void {
    // pino stamps its own `time`; the event's (controller clock) time goes beside it.
    const fields = {
      kind: event.kind,
      key: event.key,
      reason: event.reason,
      eventTime: event.time,
      ...(event.details ? { details: event.details } : {}),
    };
    if (event.type === 'Warning') this.logger.warn(fields, event.message);
    else this.logger.info(fields, event.message);
  }
}

/** Keeps events in memory in the order recorded (tests, the simulator's timeline). @public */
export class MemoryEventRecorder implements EventRecorder {
  readonly events: LifeboatEvent[] = [];

  record(event: LifeboatEvent): void {
    this.events.push(event);
  }

  /** Events with this reason, in order. */
  withReason(reason: string): LifeboatEvent[] {
    return this.events.filter((e) => e.reason === reason);
  }
}

/** A logger that writes nothing (tests, simulations whose output is the report). @public */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
