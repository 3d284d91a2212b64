import {
  READY_CONDITION,
  findCondition,
  objectKey,
  type Clock,
  type Cluster,
  type HealthDetector,
  type HealthObservation,
  type Lease,
} from '@lifeboat/core';
import type { ClusterProber } from './cluster-prober';
import { CLUSTER_LEASE_NAMESPACE, ClusterWatchdog } from './cluster-watchdog';
import { observedReadyCondition } from './ready-condition';
import { ThresholdAdjuster } from './threshold-adjuster';

/** Reads a Pull cluster's lease (`karmada-cluster/<name>`); absent when there is none. @public */
export type LeaseReader = (key: string) => Promise<Lease | undefined>;

/** Settings of {@link KarmadaHealthDetector}, in ms. @public */
export interface KarmadaHealthDetectorOptions {
  readonly statusUpdateFrequencyMs: number;
  readonly successThresholdMs: number;
  readonly failureThresholdMs: number;
  readonly monitorPeriodMs: number;
  readonly monitorGraceMs: number;
  readonly startupGraceMs: number;
}

/** Called with every Ready verdict, e.g. to export `cluster_ready_state`. @public */
export type ReadyListener = (clusterName: string, ready: boolean) => void;

/**
 * Karmada's health detection as one {@link @lifeboat/core#HealthDetector}, chosen by `spec.syncMode`:
 * - Push (the default): probe the API server every `clusterStatusUpdateFrequency`, turn the
 *   result into Ready True/False and debounce it with the success/failure thresholds. An
 *   unreachable Push cluster becomes False/ClusterNotReachable, never Unknown.
 * - Pull: every `clusterMonitorPeriod`, the watchdog turns Ready Unknown when the agent stopped
 *   reporting; while it reports, its own `status.readyz` verdict is debounced the same way
 *   (what Karmada's agent does on the member side), or the stored condition is left alone.
 * @public
 */
export class KarmadaHealthDetector implements HealthDetector {
  private readonly adjuster: ThresholdAdjuster;
  private readonly watchdog: ClusterWatchdog;

  constructor(
    private readonly prober: ClusterProber,
    private readonly clock: Clock,
    private readonly options: KarmadaHealthDetectorOptions,
    private readonly readLease: LeaseReader = async () => undefined,
    private readonly onReady?: ReadyListener,
  ) {
    this.adjuster = new ThresholdAdjuster(options.successThresholdMs, options.failureThresholdMs);
    this.watchdog = new ClusterWatchdog({
      monitorGraceMs: options.monitorGraceMs,
      startupGraceMs: options.startupGraceMs,
    });
  }

  async check(cluster: Cluster): Promise<HealthObservation> {
    const observation =
      cluster.spec.syncMode === 'Pull'
        ? await this.checkPull(cluster)
        : await this.checkPush(cluster);
    if (observation.ready)
      this.onReady?.(cluster.metadata.name, observation.ready.status === 'True');
    return observation;
  }

  forget(clusterName: string): void {
    this.adjuster.forget(clusterName);
    this.watchdog.forget(clusterName);
  }

  private async checkPush(cluster: Cluster): Promise<HealthObservation> {
    const result = await this.prober.probe(cluster);
    const now = this.clock.now();
    const observed = observedReadyCondition(result, now);
    const current = findCondition(cluster.status?.conditions, READY_CONDITION);
    const ready = this.adjuster.adjust(cluster.metadata.name, current, observed, now);
    return { ready, recheckAfterMs: this.options.statusUpdateFrequencyMs };
  }

  private async checkPull(cluster: Cluster): Promise<HealthObservation> {
    const name = cluster.metadata.name;
    const lease = await this.readLease(objectKey({ namespace: CLUSTER_LEASE_NAMESPACE, name }));
    const now = this.clock.now();
    const recheckAfterMs = this.options.monitorPeriodMs;
    const unknown = this.watchdog.overdue(cluster, lease, now);
    if (unknown) return { ready: unknown, recheckAfterMs };
    const readyz = cluster.status?.readyz;
    if (readyz === undefined) return { recheckAfterMs };
    const observed = observedReadyCondition({ online: true, healthy: readyz }, now);
    const current = findCondition(cluster.status?.conditions, READY_CONDITION);
    return { ready: this.adjuster.adjust(name, current, observed, now), recheckAfterMs };
  }
}
