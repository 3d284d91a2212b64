import type { Clock } from '../contracts/clock';
import type { EventRecorder } from '../contracts/event-recorder';
import type { FailbackPolicy } from '../contracts/failback-policy';
import type { StateStore } from '../contracts/state-store';
import type { ReconcileResult, Reconciler } from '../controller/controller';
import type { Informer } from '../controller/informer';
import type { EvictionPacer } from '../failover/eviction-pacer';
import { SchedulingController } from '../failover/scheduling-controller';
import type { Binding, BindingStatus, FailbackRecord, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { READY_CONDITION, findCondition } from '../model/condition';
import { objectKey } from '../model/meta';
import { findUntoleratedTaint } from '../model/toleration';
import type { BindingScheduler } from '../scheduler/scheduler-token';

/** The pacer's name for a binding's return (evictions book theirs by cluster name). */
const FAILBACK_MOVE = '<failback>';

function describePlacement(clusters: readonly TargetCluster[]): string {
  return clusters.map((c) => `${c.name}:${c.replicas}`).join(',') || 'nothing';
}

/** Every cluster of `target` with the larger of its target and current count: the survivors keep their copies. */
function surge(
  current: readonly TargetCluster[],
  target: readonly TargetCluster[],
): TargetCluster[] {
  const replicas = new Map(current.map((t) => [t.name, t.replicas]));
  for (const t of target) replicas.set(t.name, Math.max(replicas.get(t.name) ?? 0, t.replicas));
  return [...replicas]
    .map(([name, n]) => ({ name, replicas: n }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function sameTargets(a: readonly TargetCluster[], b: readonly TargetCluster[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => t.name === b[i]?.name && t.replicas === b[i]?.replicas)
  );
}

/** Whether every cluster of `target` reports the workload healthy with its share ready. */
function targetReady(binding: Binding, target: readonly TargetCluster[]): boolean {
  const reports = new Map((binding.status?.aggregatedStatus ?? []).map((s) => [s.clusterName, s]));
  return target.every((t) => {
    const report = reports.get(t.name);
    return t.replicas === 0 || (report?.health === 'Healthy' && report.readyReplicas >= t.replicas);
  });
}

/**
 * Brings a binding back to where it was before a failover (Lifeboat; Karmada and Clusternet never
 * move replicas back). It acts on bindings with a `status.failback` record, once every cluster
 * they were evicted from has been Ready, with no NoSchedule or NoExecute taint the binding does
 * not tolerate, for the policy's stabilization window (a cluster that flaps restarts it, and so
 * does a controller restart). The scheduler then judges the placement the binding had, with its
 * affinity group and no eviction history: unless it gives replicas to every recovered cluster
 * again, the binding stays. Otherwise, paced by the eviction rate limit, the return starts
 * (`FailbackStarted`): the binding targets the returned placement while the survivors keep the
 * copies they run, and only when every returned copy is ready does it shed them
 * (`FailbackCompleted`). Anything else that moves the binding meanwhile (a scale, an eviction)
 * ends the return.
 * @public
 */
export class FailbackController implements Reconciler {
  /** When each binding's evicted clusters were first seen stable, by binding key and cluster. */
  private readonly stable = new Map<string, Map<string, number>>();

  constructor(
    private readonly bindings: Informer<'Binding'>,
    private readonly clusters: Informer<'Cluster'>,
    private readonly store: StateStore,
    private readonly scheduler: BindingScheduler,
    private readonly policy: FailbackPolicy,
    private readonly pacer: EvictionPacer,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {}

  /** The clusters a binding's record waits for (for the index that re-queues it when they change). */
  static watchedClusters(binding: Binding): readonly string[] {
    return binding.status?.failback?.evictedClusters ?? [];
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const binding = this.bindings.get(key);
    const record = binding?.status?.failback;
    if (!binding || !record) {
      this.forget(key);
      return;
    }
    const now = this.clock.now();
    const window = this.policy.stabilizationWindowMs(binding);
    const current = binding.spec.clusters ?? [];
    if (window === undefined) return this.drop(binding);
    if (record.returning) return this.progress(binding, record, record.returning.clusters, now);
    // Back already (a Duplicated binding is re-placed on every cluster change).
    if (record.evictedClusters.every((name) => current.some((t) => t.name === name)))
      return this.drop(binding);
    let dueAt = Number.NEGATIVE_INFINITY;
    for (const name of record.evictedClusters) {
      const cluster = this.clusters.get(name);
      // Gone for good: this failover is final.
      if (!cluster) return this.drop(binding);
      const since = this.stableSince(key, binding, cluster, now);
      // A change of the cluster brings the binding back here.
      if (since === undefined) return;
      dueAt = Math.max(dueAt, since + window);
    }
    if (dueAt > now) return { requeueAfterMs: dueAt - now };
    // Mid-eviction or mid-schedule: the binding's next change brings it back here.
    if (binding.spec.evictionTasks?.length || SchedulingController.needsSchedule(binding)) return;
    const target = await this.targetOf(binding, record, now);
    if (!target) return { requeueAfterMs: window };
    const wait = this.pacer.waitFor(key, FAILBACK_MOVE, now);
    if (wait > 0) return { requeueAfterMs: wait };
    const returning = { clusters: target.clusters, startedAt: now };
    const clusters = surge(current, target.clusters);
    await this.write(binding, clusters, {
      ...binding.status,
      failback: { ...record, returning },
      ...(target.placementGroup !== undefined
        ? { schedulerObservingAffinityName: target.placementGroup }
        : {}),
      lastScheduledTime: now,
    });
    this.recorder.record({
      kind: 'Binding',
      key,
      type: 'Normal',
      reason: 'FailbackStarted',
      message: `returning to ${describePlacement(target.clusters)} from ${describePlacement(current)}: ${record.evictedClusters.join(', ')} Ready and untainted for ${window / 1000}s`,
      time: now,
      details: {
        clusters: record.evictedClusters.join(','),
        placement: describePlacement(target.clusters),
      },
    });
    return;
  }

  /** The placement the scheduler gives the binding as it was before the failover, if it takes every evicted cluster back. */
  private async targetOf(binding: Binding, record: FailbackRecord, now: number) {
    const { schedulerObservingAffinityName: _current, ...status } = binding.status ?? {};
    const before: Binding = {
      ...binding,
      spec: { ...binding.spec, clusters: record.clusters, evictionTasks: [] },
      status: {
        ...status,
        ...(record.affinityName !== undefined
          ? { schedulerObservingAffinityName: record.affinityName }
          : {}),
      },
    };
    const result = await this.scheduler.schedule(before, this.clusters.list(), now);
    if (!result.ok) return undefined;
    const back = record.evictedClusters.every((name) =>
      result.clusters.some((t) => t.name === name && t.replicas > 0),
    );
    return back ? result : undefined;
  }

  /** A return under way: shed the survivors' extra copies once every returned one is ready. */
  private async progress(
    binding: Binding,
    record: FailbackRecord,
    target: readonly TargetCluster[],
    now: number,
  ): Promise<void> {
    const current = binding.spec.clusters ?? [];
    const key = objectKey(binding.metadata);
    const intact = target.every(
      (t) => (current.find((c) => c.name === t.name)?.replicas ?? 0) >= t.replicas,
    );
    if (!intact || binding.spec.evictionTasks?.length) {
      // Something else moved the binding (a scale, a reschedule): its placement stands.
      await this.drop(binding);
      return;
    }
    if (!targetReady(binding, target)) return;
    const { failback: _done, ...status } = binding.status ?? {};
    await this.write(binding, target, status);
    this.forget(key);
    this.recorder.record({
      kind: 'Binding',
      key,
      type: 'Normal',
      reason: 'FailbackCompleted',
      message: `back on ${describePlacement(target)} since ${(now - (record.returning?.startedAt ?? now)) / 1000}s after the return started`,
      time: now,
      details: { placement: describePlacement(target) },
    });
  }

  /** Writes the binding's targets and status; a changed placement is marked as scheduled, so the scheduler leaves it be. */
  private async write(
    binding: Binding,
    clusters: readonly TargetCluster[],
    status: BindingStatus,
  ): Promise<void> {
    const changed = !sameTargets(binding.spec.clusters ?? [], clusters);
    const generation = binding.metadata.generation ?? 1;
    await this.store.update('Binding', {
      ...binding,
      spec: { ...binding.spec, clusters },
      status: {
        ...status,
        ...(binding.status?.schedulerObservedGeneration === generation
          ? { schedulerObservedGeneration: generation + (changed ? 1 : 0) }
          : {}),
      },
    });
  }

  /** Forgets the record: the binding stays where it is. */
  private async drop(binding: Binding): Promise<void> {
    const { failback: _dropped, ...status } = binding.status ?? {};
    this.forget(objectKey(binding.metadata));
    await this.store.update('Binding', { ...binding, status });
  }

  /** Since when the cluster has been Ready and free of taints the binding does not tolerate, or undefined if it is not. */
  private stableSince(
    key: string,
    binding: Binding,
    cluster: Cluster,
    now: number,
  ): number | undefined {
    const name = cluster.metadata.name;
    const ready = findCondition(cluster.status?.conditions, READY_CONDITION);
    const tainted = findUntoleratedTaint(
      cluster.spec.taints ?? [],
      binding.spec.placement.clusterTolerations ?? [],
      (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
    );
    let seen = this.stable.get(key);
    if (ready?.status !== 'True' || tainted) {
      seen?.delete(name);
      return undefined;
    }
    if (!seen) {
      seen = new Map();
      this.stable.set(key, seen);
    }
    const since = seen.get(name) ?? now;
    seen.set(name, since);
    return Math.max(since, ready.lastTransitionTime);
  }

  private forget(key: string): void {
    this.pacer.cancel(key, FAILBACK_MOVE);
    this.stable.delete(key);
  }
}
