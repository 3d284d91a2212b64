import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Clusternet's metric names (reference §6) on an injected prom-client registry: the scheduler's
 * under `clusternet_scheduler_`, the agent-side predictor's under `clusternet_predictor_`.
 * Durations are measured on the injected clock, so they are 0 on a virtual clock unless time is
 * advanced inside the measured call.
 * @public
 */
export class ClusternetMetrics {
  readonly scheduleAttempts: Counter<'result' | 'profile'>;
  readonly e2eSchedulingDuration: Histogram<'result' | 'profile'>;
  readonly extensionPointDuration: Histogram<'extension_point' | 'status' | 'profile'>;
  readonly predictorAttempts: Counter<'result'>;

  constructor(registry: Registry) {
    this.scheduleAttempts = new Counter({
      name: 'clusternet_scheduler_schedule_attempts_total',
      help: 'Number of attempts to schedule subscriptions, by the result.',
      labelNames: ['result', 'profile'],
      registers: [registry],
    });
    this.e2eSchedulingDuration = new Histogram({
      name: 'clusternet_scheduler_e2e_scheduling_duration_seconds',
      help: 'E2e scheduling latency in seconds (scheduling algorithm + binding), by the result.',
      labelNames: ['result', 'profile'],
      buckets: exponentialBuckets(0.001, 2, 15),
      registers: [registry],
    });
    this.extensionPointDuration = new Histogram({
      name: 'clusternet_scheduler_framework_extension_point_duration_seconds',
      help: 'Latency for running all plugins of a Clusternet-defined extension point.',
      labelNames: ['extension_point', 'status', 'profile'],
      buckets: exponentialBuckets(0.0001, 2, 12),
      registers: [registry],
    });
    this.predictorAttempts = new Counter({
      name: 'clusternet_predictor_predictor_attempts_total',
      help: 'Number of attempts to predict acceptable replicas, by the result.',
      labelNames: ['result'],
      registers: [registry],
    });
  }
}

/** `count` buckets from `start`, each `factor` times the last (Go's `ExponentialBuckets`). @public */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start * factor ** i);
}
