import type { Clock } from '../contracts/clock';
import type { EventRecorder } from '../contracts/event-recorder';
import type { FailoverObserver, ScheduleAttempt } from '../contracts/failover-observer';
import type { StateStore } from '../contracts/state-store';
import type { Informer } from '../controller/informer';
import type { ReconcileResult, Reconciler } from '../controller/controller';
import type { Binding, BindingStatus } from '../model/binding';
import { setCondition } from '../model/condition';
import type { BindingScheduler } from '../scheduler/scheduler-token';

/** The binding condition the scheduler maintains. @public */
export const SCHEDULED_CONDITION = 'Scheduled';

/** How long an unschedulable binding waits before it is tried again without any trigger. */
const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;

function scheduleType(binding: Binding): ScheduleAttempt['scheduleType'] {
  const targets = binding.spec.clusters;
  if (targets === undefined) return 'Initial';
  const replicas = binding.spec.replicas;
  const scaled =
    binding.spec.placement.replicaScheduling.type === 'Duplicated'
      ? targets.some((t) => t.replicas !== replicas)
      : targets.reduce((sum, t) => sum + t.replicas, 0) !== replicas;
  return scaled ? 'Scale' : 'Reconcile';
}

function sameTargets(a: Binding['spec']['clusters'], b: Binding['spec']['clusters']): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return (
    x.length === y.length &&
    x.every((t, i) => t.name === y[i]?.name && t.replicas === y[i]?.replicas)
  );
}

/**
 * Schedules a binding when its spec changed since the last schedule (new, scaled, placement
 * edited, a cluster moved into an eviction task), when it is unschedulable and a cluster changed,
 * or when it is `Duplicated` and a cluster changed. On success writes `spec.clusters` and the
 * `Scheduled=True` condition; when nothing fits keeps the previous placement and writes
 * `Scheduled=False` with the explanation.
 * @public
 */
export class SchedulingController implements Reconciler {
  private readonly forced = new Set<string>();

  constructor(
    private readonly bindings: Informer<'Binding'>,
    private readonly clusters: Informer<'Cluster'>,
    private readonly store: StateStore,
    private readonly scheduler: BindingScheduler,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly observers: readonly FailoverObserver[] = [],
  ) {}

  /** Whether the last schedule succeeded (`Scheduled=True`). */
  static isScheduled(binding: Binding): boolean {
    return (
      binding.status?.conditions?.find((c) => c.type === SCHEDULED_CONDITION)?.status === 'True'
    );
  }

  /** Whether a cluster change should re-run this binding even though its spec did not change. */
  static reactsToClusterChange(binding: Binding): boolean {
    return (
      !SchedulingController.isScheduled(binding) ||
      binding.spec.placement.replicaScheduling.type === 'Duplicated'
    );
  }

  /** Whether the spec changed since the last schedule. */
  static needsSchedule(binding: Binding): boolean {
    return binding.metadata.generation !== binding.status?.schedulerObservedGeneration;
  }

  /** Marks a key to be scheduled even if its spec did not change (a cluster changed). */
  force(key: string): void {
    this.forced.add(key);
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const binding = this.bindings.get(key);
    const forced = this.forced.delete(key);
    if (!binding || (!forced && !SchedulingController.needsSchedule(binding))) return;
    const now = this.clock.now();
    const result = await this.scheduler.schedule(binding, this.clusters.list(), now);
    const attempt: ScheduleAttempt = {
      binding: key,
      result: result.ok ? 'Scheduled' : result.status.code === 'Error' ? 'Error' : 'Unschedulable',
      scheduleType: scheduleType(binding),
      startedAt: now,
      finishedAt: this.clock.now(),
    };
    for (const observer of this.observers) observer.scheduleAttempt?.(attempt);
    const generation = binding.metadata.generation ?? 1;
    if (result.ok) {
      const changed = !sameTargets(binding.spec.clusters, result.clusters);
      const status: BindingStatus = {
        ...binding.status,
        schedulerObservedGeneration: generation + (changed ? 1 : 0),
        lastScheduledTime: now,
        ...(result.placementGroup !== undefined
          ? { schedulerObservingAffinityName: result.placementGroup }
          : {}),
        conditions: setCondition(binding.status?.conditions, {
          type: SCHEDULED_CONDITION,
          status: 'True',
          reason: 'Success',
          message: 'Binding has been scheduled successfully.',
          lastTransitionTime: now,
        }),
      };
      await this.store.update('Binding', {
        ...binding,
        spec: { ...binding.spec, clusters: result.clusters },
        status,
      });
      if (changed) {
        // Counted against the clusters' capacity until they report the new replicas.
        this.scheduler.assume?.(binding, result.clusters, now);
        const placement = result.clusters.map((c) => `${c.name}:${c.replicas}`).join(',');
        this.recorder.record({
          kind: 'Binding',
          key,
          type: 'Normal',
          reason: 'Scheduled',
          message: `placed ${placement} (${result.strategy})`,
          time: now,
        });
      }
      return;
    }
    if (result.status.code === 'Error')
      throw result.status.cause instanceof Error
        ? result.status.cause
        : new Error(result.status.message());
    const message = result.status.message();
    const previous = binding.status?.conditions?.find((c) => c.type === SCHEDULED_CONDITION);
    if (
      previous?.status !== 'False' ||
      previous.message !== message ||
      SchedulingController.needsSchedule(binding)
    ) {
      const status: BindingStatus = {
        ...binding.status,
        schedulerObservedGeneration: generation,
        conditions: setCondition(binding.status?.conditions, {
          type: SCHEDULED_CONDITION,
          status: 'False',
          reason: 'Unschedulable',
          message,
          lastTransitionTime: now,
        }),
      };
      await this.store.update('Binding', { ...binding, status });
      this.recorder.record({
        kind: 'Binding',
        key,
        type: 'Warning',
        reason: 'Unschedulable',
        message,
        time: now,
      });
    }
    return { requeueAfterMs: UNSCHEDULABLE_RETRY_MS };
  }
}
