import type { Clock } from '../contracts/clock';
import type { EventRecorder } from '../contracts/event-recorder';
import type { HealthDetector } from '../contracts/health-detector';
import type { StateStore } from '../contracts/state-store';
import type { Informer } from '../controller/informer';
import type { ReconcileResult, Reconciler } from '../controller/controller';
import type { Cluster, ClusterStatus } from '../model/cluster';
import { READY_CONDITION, findCondition, sameCondition, setCondition } from '../model/condition';

/**
 * Runs the {@link HealthDetector} for every cluster when it joins, when its heartbeat or spec
 * changes, and when the detector asks to be called again; writes the Ready condition (and the
 * status fields the detector sets) only when they change.
 * @public
 */
export class ClusterHealthController implements Reconciler {
  constructor(
    private readonly clusters: Informer<'Cluster'>,
    private readonly store: StateStore,
    private readonly detector: HealthDetector,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {}

  /** Whether an update should trigger a check now (rather than at the next period). */
  static isTrigger(cluster: Cluster, previous: Cluster): boolean {
    return (
      cluster.status?.lastHeartbeatTime !== previous.status?.lastHeartbeatTime ||
      cluster.metadata.generation !== previous.metadata.generation
    );
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const cluster = this.clusters.get(key);
    if (!cluster) {
      this.detector.forget?.(key);
      return;
    }
    const observation = await this.detector.check(cluster);
    const status: ClusterStatus = cluster.status ?? {};
    let next: ClusterStatus = status;
    const current = findCondition(status.conditions, READY_CONDITION);
    if (observation.ready && !sameCondition(current, observation.ready)) {
      next = { ...next, conditions: setCondition(status.conditions, observation.ready) };
      this.recorder.record({
        kind: 'Cluster',
        key,
        type: observation.ready.status === 'True' ? 'Normal' : 'Warning',
        reason: 'ClusterReadyChanged',
        message: `Ready=${observation.ready.status} (${observation.ready.reason}): ${observation.ready.message}`,
        time: this.clock.now(),
        details: { status: observation.ready.status, reason: observation.ready.reason },
      });
    }
    for (const [field, value] of Object.entries(observation.status ?? {})) {
      if ((status as Record<string, unknown>)[field] !== value) next = { ...next, [field]: value };
    }
    if (next !== status) await this.store.update('Cluster', { ...cluster, status: next });
    return { requeueAfterMs: observation.recheckAfterMs };
  }
}
