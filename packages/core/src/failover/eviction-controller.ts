import type { Clock } from '../contracts/clock';
import type { EventRecorder } from '../contracts/event-recorder';
import type { FailbackPolicy } from '../contracts/failback-policy';
import type { FailoverObserver } from '../contracts/failover-observer';
import type { EvictionPolicy } from '../contracts/eviction-policy';
import type { StateStore } from '../contracts/state-store';
import type { Informer } from '../controller/informer';
import type { ReconcileResult, Reconciler } from '../controller/controller';
import { recordFailover } from '../failback/failback-record';
import type { EvictionTask, TargetCluster } from '../model/binding';
import type { EvictionHolds } from './eviction-holds';
import { EvictionPacer } from './eviction-pacer';
import { SchedulingController } from './scheduling-controller';

/** What an {@link EvictionController} shares with the rest of the failover manager. @internal */
export interface EvictionControllerParts {
  /** The fleet-wide rate limit (default: one of its own at the policy's `evictionsPerSecond`). */
  readonly pacer?: EvictionPacer;
  /** Holds new evictions while the eviction guard says so (default: never held). */
  readonly holds?: EvictionHolds;
  /** Which evictions to remember for failback (default: none). */
  readonly failback?: FailbackPolicy;
}

/**
 * The taint manager and the eviction-task reviewer in one loop per binding: asks the
 * {@link EvictionPolicy} about every target cluster (moving the ones it evicts from
 * `spec.clusters` into `spec.evictionTasks`, at most `evictionsPerSecond` across the fleet, and
 * none while the eviction guard holds them), and about every open task (dropping the finished
 * ones). Tasks are reviewed only once the scheduler has observed the binding's current spec, so
 * no policy judges a placement that is still missing the replacement. When failback is on for
 * the binding, its first failover eviction records where it was (`status.failback`). One write
 * per reconcile.
 * @public
 */
export class EvictionController implements Reconciler {
  private readonly pacer: EvictionPacer;

  constructor(
    private readonly bindings: Informer<'Binding'>,
    private readonly clusters: Informer<'Cluster'>,
    private readonly store: StateStore,
    private readonly policy: EvictionPolicy,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly observers: readonly FailoverObserver[] = [],
    private readonly parts: EvictionControllerParts = {},
  ) {
    this.pacer = parts.pacer ?? new EvictionPacer(policy.evictionsPerSecond, clock);
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const binding = this.bindings.get(key);
    if (!binding) {
      this.pacer.forget(key);
      return;
    }
    const now = this.clock.now();
    let recheckAt = Number.POSITIVE_INFINITY;
    const targets: TargetCluster[] = [];
    const started: EvictionTask[] = [];
    let delayed = 0;
    for (const target of binding.spec.clusters ?? []) {
      const cluster = this.clusters.get(target.name);
      const decision = cluster ? this.policy.decide(binding, cluster, now) : {};
      if (decision.recheckAt !== undefined) recheckAt = Math.min(recheckAt, decision.recheckAt);
      // Not evicting (e.g. the taint went away) or held by the guard (which re-queues the
      // binding when it lets go): a booked token is simply not used.
      if (!decision.evict || (cluster && this.parts.holds?.holdReason(key, cluster))) {
        this.pacer.cancel(key, target.name);
        targets.push(target);
        continue;
      }
      const wait = this.pacer.waitFor(key, target.name, now);
      if (wait > 0) {
        delayed++;
        targets.push(target);
        recheckAt = Math.min(recheckAt, now + wait);
        continue;
      }
      started.push({
        ...decision.evict,
        fromCluster: target.name,
        replicas: target.replicas,
        creationTimestamp: now,
      });
    }
    const survivors = targets.map((t) => t.name);
    const open = [
      ...(binding.spec.evictionTasks ?? []),
      ...started.map((t) => ({ ...t, clustersBeforeFailover: survivors })),
    ];
    const view = { ...binding, spec: { ...binding.spec, clusters: targets, evictionTasks: open } };
    // Until the scheduler has placed the replicas a task moved out, the placement a review would
    // judge is not the replacement; the scheduler's write brings the binding back here.
    const placementSettled = started.length === 0 && !SchedulingController.needsSchedule(binding);
    const tasks: EvictionTask[] = [];
    const completed: { task: EvictionTask; reason?: string }[] = [];
    for (const task of open) {
      if (!placementSettled) {
        tasks.push(task);
        continue;
      }
      const review = this.policy.review(view, task, now);
      if (review.done) completed.push({ task, reason: review.reason });
      else {
        tasks.push(task);
        if (review.recheckAt !== undefined) recheckAt = Math.min(recheckAt, review.recheckAt);
      }
    }
    if (started.length || completed.length) {
      const failback = recordFailover(binding, started, this.parts.failback, now);
      await this.store.update('Binding', {
        ...binding,
        spec: { ...binding.spec, clusters: targets, evictionTasks: tasks },
        ...(failback ? { status: { ...binding.status, failback } } : {}),
      });
      for (const task of started) {
        this.recorder.record({
          kind: 'Binding',
          key,
          type: 'Warning',
          reason: 'EvictionStarted',
          message: `evicting from ${task.fromCluster} (${task.purgeMode}): ${task.reason}`,
          time: now,
          details: {
            cluster: task.fromCluster,
            purgeMode: task.purgeMode,
            reason: task.reason,
            producer: task.producer,
          },
        });
      }
      for (const { task, reason } of completed) {
        this.recorder.record({
          kind: 'Binding',
          key,
          type: 'Normal',
          reason: 'EvictionCompleted',
          message: `left ${task.fromCluster}${reason ? ` (${reason})` : ''}`,
          time: now,
          details: { cluster: task.fromCluster, ...(reason ? { reason } : {}) },
        });
      }
    }
    const pass = {
      binding: key,
      started: started.map((t) => t.fromCluster),
      completed: completed.map((c) => c.task.fromCluster),
      delayed,
      at: now,
    };
    for (const observer of this.observers) observer.evictionPass?.(pass);
    return Number.isFinite(recheckAt)
      ? { requeueAfterMs: Math.max(0, recheckAt - now) }
      : undefined;
  }
}
