import type { Actuator } from '../contracts/actuator';
import type { Clock, TimerHandle } from '../contracts/clock';
import type { StateStore } from '../contracts/state-store';
import { desiredReplicasPerCluster } from '../failover/desired-replicas';
import { reportWorkloadStatus } from '../failover/workload-status-report';
import type { Binding } from '../model/binding';
import { objectKey } from '../model/meta';

interface Replicas {
  running: number;
  ready: number;
  timer?: TimerHandle;
}

/**
 * TEST DOUBLE of the member clusters (there is no Kubernetes API server here): replicas placed
 * on a cluster become ready `startupSeconds` later on the injected clock; replicas on a failed
 * cluster are not ready; a failed cluster reports nothing. Each change is written back as
 * `status.aggregatedStatus`, as a real actuator would. The simulator's virtual fleet replaces
 * it outside unit tests.
 * @public
 */
export class InMemoryActuator implements Actuator {
  private readonly workloads = new Map<string, Map<string, Replicas>>();
  private readonly failed = new Set<string>();
  private readonly unhealthy = new Set<string>();

  constructor(
    private readonly store: StateStore,
    private readonly clock: Clock,
    private readonly startupSeconds = 10,
  ) {}

  async apply(binding: Binding): Promise<void> {
    const key = objectKey(binding.metadata);
    const desired = desiredReplicasPerCluster(binding);
    const placed = this.workloads.get(key) ?? new Map<string, Replicas>();
    this.workloads.set(key, placed);
    for (const [cluster, replicas] of placed) {
      if (!desired.has(cluster)) {
        if (replicas.timer) this.clock.clearTimeout(replicas.timer);
        placed.delete(cluster);
      }
    }
    for (const [cluster, count] of desired) {
      const current = placed.get(cluster) ?? { running: 0, ready: 0 };
      placed.set(cluster, current);
      if (current.running === count) continue;
      current.running = count;
      current.ready = Math.min(current.ready, count);
      this.startReplicas(key, cluster, current);
    }
    await this.report(key);
  }

  async remove(bindingKey: string): Promise<void> {
    for (const replicas of this.workloads.get(bindingKey)?.values() ?? []) {
      if (replicas.timer) this.clock.clearTimeout(replicas.timer);
    }
    this.workloads.delete(bindingKey);
  }

  /** The cluster goes dark: its replicas stop being ready and it reports nothing. */
  async failCluster(cluster: string): Promise<void> {
    this.failed.add(cluster);
    for (const placed of this.workloads.values()) {
      const replicas = placed.get(cluster);
      if (!replicas) continue;
      if (replicas.timer) this.clock.clearTimeout(replicas.timer);
      replicas.timer = undefined;
      replicas.ready = 0;
    }
  }

  /** The cluster is back: its replicas start again. */
  async recoverCluster(cluster: string): Promise<void> {
    this.failed.delete(cluster);
    for (const [key, placed] of this.workloads) {
      const replicas = placed.get(cluster);
      if (replicas) this.startReplicas(key, cluster, replicas);
      await this.report(key);
    }
  }

  /** The workload on `cluster` reports Unhealthy from now on (application failure). */
  async markUnhealthy(bindingKey: string, cluster: string): Promise<void> {
    this.unhealthy.add(`${bindingKey}@${cluster}`);
    await this.report(bindingKey);
  }

  /** Replicas running per cluster for a binding (ready or not). */
  runningReplicas(bindingKey: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [cluster, r] of this.workloads.get(bindingKey) ?? [])
      if (r.running > 0) out[cluster] = r.running;
    return out;
  }

  /** Ready replicas across all clusters. */
  readyReplicas(bindingKey: string): number {
    let ready = 0;
    for (const r of this.workloads.get(bindingKey)?.values() ?? []) ready += r.ready;
    return ready;
  }

  private startReplicas(key: string, cluster: string, replicas: Replicas): void {
    if (replicas.timer) this.clock.clearTimeout(replicas.timer);
    replicas.timer = undefined;
    if (this.failed.has(cluster) || replicas.ready >= replicas.running) return;
    replicas.timer = this.clock.setTimeout(() => {
      replicas.timer = undefined;
      replicas.ready = replicas.running;
      void this.report(key);
    }, this.startupSeconds * 1000);
  }

  private async report(key: string): Promise<void> {
    const placed = this.workloads.get(key);
    if (!placed) return;
    const members = () =>
      [...placed].map(([cluster, r]) => ({
        cluster,
        running: r.running,
        ready: r.ready,
        unhealthy: this.unhealthy.has(`${key}@${cluster}`),
        unreachable: this.failed.has(cluster),
      }));
    await reportWorkloadStatus(this.store, key, members, () => this.clock.now());
  }
}
