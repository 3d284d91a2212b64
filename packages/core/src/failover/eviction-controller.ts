import type { Clock } from '../contracts/clock';
import type { EventRecorder } from '../contracts/event-recorder';
import type { FailoverObserver } from '../contracts/failover-observer';
import type { EvictionPolicy } from '../contracts/eviction-policy';
import type { StateStore } from '../contracts/state-store';
import type { Informer } from '../controller/informer';
import type { ReconcileResult, Reconciler } from '../controller/controller';
import { TokenBucket } from '../controller/token-bucket';
import type { EvictionTask, TargetCluster } from '../model/binding';
import { SchedulingController } from './scheduling-controller';

/**
 * The taint manager and the eviction-task reviewer in one loop per binding: asks the
 * {@link EvictionPolicy} about every target cluster (moving the ones it evicts from
 * `spec.clusters` into `spec.evictionTasks`, at most `evictionsPerSecond` across the fleet), and
 * about every open task (dropping the finished ones). Tasks are reviewed only once the scheduler
 * has observed the binding's current spec, so no policy judges a placement that is still missing
 * the replacement. One write per reconcile.
 * @public
 */
export class EvictionController implements Reconciler {
  private readonly bucket?: TokenBucket;
  /**
   * Tokens booked per binding and cluster (when each is due). An eviction that has to wait books
   * the next free token once and comes back when it is due, instead of every waiting binding
   * asking again each time a token frees (quadratic in the number waiting during a storm).
   */
  private readonly booked = new Map<string, Map<string, number>>();

  constructor(
    private readonly bindings: Informer<'Binding'>,
    private readonly clusters: Informer<'Cluster'>,
    private readonly store: StateStore,
    private readonly policy: EvictionPolicy,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly observers: readonly FailoverObserver[] = [],
  ) {
    const rate = policy.evictionsPerSecond;
    if (rate !== undefined && rate > 0) this.bucket = new TokenBucket(rate, 1, clock);
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const binding = this.bindings.get(key);
    if (!binding) {
      this.booked.delete(key);
      return;
    }
    const booked = this.booked.get(key);
    const now = this.clock.now();
    let recheckAt = Number.POSITIVE_INFINITY;
    const targets: TargetCluster[] = [];
    const started: EvictionTask[] = [];
    let delayed = 0;
    for (const target of binding.spec.clusters ?? []) {
      const cluster = this.clusters.get(target.name);
      const decision = cluster ? this.policy.decide(binding, cluster, now) : {};
      if (decision.recheckAt !== undefined) recheckAt = Math.min(recheckAt, decision.recheckAt);
      if (!decision.evict) {
        // No longer evicting (e.g. the taint went away): the booked token is simply not used.
        booked?.delete(target.name);
        targets.push(target);
        continue;
      }
      const wait = this.waitFor(key, target.name, now);
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
      await this.store.update('Binding', {
        ...binding,
        spec: { ...binding.spec, clusters: targets, evictionTasks: tasks },
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
    if (booked?.size === 0) this.booked.delete(key);
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

  /** ms until this binding may evict from `cluster`: 0 now (its token is taken), else until its booked token is due. */
  private waitFor(key: string, cluster: string, now: number): number {
    if (!this.bucket) return 0;
    let booked = this.booked.get(key);
    const due = booked?.get(cluster);
    if (due !== undefined) {
      if (due > now) return due - now;
      booked?.delete(cluster);
      return 0;
    }
    const wait = this.bucket.reserve();
    if (wait > 0) {
      if (!booked) {
        booked = new Map();
        this.booked.set(key, booked);
      }
      booked.set(cluster, now + wait);
    }
    return wait;
  }
}
