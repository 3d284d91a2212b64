import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Karmada's eviction queue name for ResourceBindings. @public */
export const BINDING_EVICTION_QUEUE = 'binding-eviction';

/**
 * The Karmada-named metrics this flavour can observe from its own parts, on the given registry
 * (names and labels as Karmada's `pkg/metrics` and the scheduler's metrics):
 * - `cluster_ready_state{member_cluster}`: 1 when Ready is True, else 0 (health detector);
 * - `eviction_queue_depth{name}`: evictions decided but held back by `resourceEvictionRate`
 *   (from core's eviction-controller passes);
 * - `eviction_kind_total{member_cluster,resource_kind}`: eviction tasks written (same source);
 * - `karmada_scheduler_schedule_attempts_total{result,schedule_type}` and
 *   `karmada_scheduler_e2e_scheduling_duration_seconds{result,schedule_type}`: every attempt of
 *   core's scheduling controller (`result` `scheduled`/`unschedulable`/`error`, `schedule_type`
 *   `ReconcileSchedule`/`ScaleSchedule`).
 * Metrics whose source lives in core's controllers (queue latencies, per-plugin durations) are
 * not exported here.
 * @public
 */
export class KarmadaMetrics {
  readonly clusterReadyState: Gauge<'member_cluster'>;
  readonly evictionQueueDepth: Gauge<'name'>;
  readonly evictionKindTotal: Counter<'member_cluster' | 'resource_kind'>;
  readonly scheduleAttemptsTotal: Counter<'result' | 'schedule_type'>;
  readonly e2eSchedulingDuration: Histogram<'result' | 'schedule_type'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.clusterReadyState = new Gauge({
      name: 'cluster_ready_state',
      help: 'State of the cluster (1 if ready, 0 otherwise).',
      labelNames: ['member_cluster'],
      registers,
    });
    this.evictionQueueDepth = new Gauge({
      name: 'eviction_queue_depth',
      help: 'Number of evictions decided but not yet carried out.',
      labelNames: ['name'],
      registers,
    });
    this.evictionKindTotal = new Counter({
      name: 'eviction_kind_total',
      help: 'Number of evictions per cluster and resource kind.',
      labelNames: ['member_cluster', 'resource_kind'],
      registers,
    });
    this.scheduleAttemptsTotal = new Counter({
      name: 'karmada_scheduler_schedule_attempts_total',
      help: 'Number of attempts to schedule a binding, by result and schedule type.',
      labelNames: ['result', 'schedule_type'],
      registers,
    });
    this.e2eSchedulingDuration = new Histogram({
      name: 'karmada_scheduler_e2e_scheduling_duration_seconds',
      help: 'E2e scheduling latency in seconds, by result and schedule type.',
      labelNames: ['result', 'schedule_type'],
      buckets: [
        0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096,
        8.192, 16.384,
      ],
      registers,
    });
  }
}
