import { multiToken, token } from './token';

/** A Kubernetes-style event about an object. @public */
export interface LifeboatEvent {
  /** `Fleet`: about many clusters at once (`EvictionsPaused`); `key` names the region or is empty. */
  readonly kind: 'Cluster' | 'Binding' | 'Fleet';
  readonly key: string;
  readonly type: 'Normal' | 'Warning';
  /** CamelCase reason, named as the flavour names it (`TaintClusterSucceed`, `Scheduled`). */
  readonly reason: string;
  readonly message: string;
  /** ms since the epoch. */
  readonly time: number;
  /** Machine-readable facts behind the message (cluster, taint, purgeMode, reason, ...). */
  readonly details?: Readonly<Record<string, string | number>>;
}

/** Receives events from controllers (log them, store them, show them). @public */
export interface EventRecorder {
  record(event: LifeboatEvent): void;
}

/** @public */
export const EVENT_RECORDER = token<EventRecorder>('EventRecorder');

/**
 * Wraps the event recorder, e.g. to speak a flavour's event names. Register one under
 * {@link EVENT_RECORDER_DECORATORS}; it is applied lazily, so registration order does not matter.
 * @public
 */
export type EventRecorderDecorator = (inner: EventRecorder) => EventRecorder;

/**
 * Decorators `registerCore`'s recorder is wrapped in, the first registered innermost. Replacing
 * `EVENT_RECORDER` itself replaces the decorated recorder too.
 * @public
 */
export const EVENT_RECORDER_DECORATORS =
  multiToken<EventRecorderDecorator>('EventRecorderDecorators');
