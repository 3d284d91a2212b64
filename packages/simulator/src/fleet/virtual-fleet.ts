import {
  desiredReplicasPerCluster,
  objectKey,
  reportWorkloadStatus,
  type Actuator,
  type Binding,
  type Clock,
  type ResourceList,
  type StateStore,
} from '@lifeboat/core';
import type { FleetSignals } from '../flavor/simulation-flavor';
import { MemberCluster } from './member-cluster';
import { ReplicaSet } from './replica-set';

/** How one workload's replicas behave on the members. @public */
export interface FleetWorkload {
  /** Seconds from placement to ready. */
  readonly startupSeconds: number;
  /** What one replica requests. */
  readonly resources: ResourceList;
}

/** Replicas of one workload per cluster: running and ready. @public */
export interface ReplicaCounts {
  readonly running: Readonly<Record<string, number>>;
  readonly ready: Readonly<Record<string, number>>;
}

const byName = ([a]: [string, unknown], [b]: [string, unknown]): number =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * The member clusters of a simulation, in virtual time. As core's `Actuator` it runs each
 * binding's placement (target replicas plus the old replicas non-`Directly` eviction tasks keep)
 * and reports workload health back into `status.aggregatedStatus`, as a real one would. Members
 * honour their capacity: a replica that does not fit stays Pending (running but never ready) until
 * room frees up, so an overcommitted placement shows as replicas short. Admitted replicas
 * become ready `startupSeconds` after placement; on a failed cluster they are not ready and
 * nothing is reported (the control plane keeps the stale status); where the application was
 * made unhealthy they never become ready and report `Unhealthy`. Faults change the fleet only,
 * never the controllers.
 * @public
 */
export class VirtualFleet implements Actuator, FleetSignals {
  private readonly members = new Map<string, MemberCluster>();
  private readonly placed = new Map<string, Map<string, ReplicaSet>>();
  private readonly unhealthy = new Set<string>();
  private readonly listeners: ((workload: string) => void)[] = [];
  private readonly failures: unknown[] = [];

  constructor(
    private readonly store: StateStore,
    private readonly clock: Clock,
    private readonly workloads: ReadonlyMap<string, FleetWorkload>,
  ) {}

  /** Adds a member cluster with its total resources. */
  addMember(name: string, capacity: ResourceList): MemberCluster {
    const member = new MemberCluster(name, capacity);
    this.members.set(name, member);
    return member;
  }

  member(name: string): MemberCluster | undefined {
    return this.members.get(name);
  }

  /** Every member, by name. */
  memberList(): MemberCluster[] {
    return [...this.members.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  /** Called with the workload key whenever its running or ready replicas change. */
  onReplicasChanged(listener: (workload: string) => void): void {
    this.listeners.push(listener);
  }

  async apply(binding: Binding): Promise<void> {
    const key = objectKey(binding.metadata);
    const desired = desiredReplicasPerCluster(binding);
    const placed = this.placed.get(key) ?? new Map<string, ReplicaSet>();
    this.placed.set(key, placed);
    const touched = new Set<string>();
    for (const [cluster, replicas] of placed) {
      if ((desired.get(cluster) ?? 0) > 0) continue;
      replicas.dispose();
      placed.delete(cluster);
      this.members.get(cluster)?.untrack(key);
      touched.add(cluster);
    }
    for (const [cluster, count] of [...desired].sort(byName)) {
      if (count <= 0) continue;
      let replicas = placed.get(cluster);
      if (!replicas) {
        replicas = new ReplicaSet(this.clock, this.workload(key).startupSeconds * 1000, () =>
          this.background(this.changed(key)),
        );
        placed.set(cluster, replicas);
        this.members.get(cluster)?.track(key, this.workload(key).resources, replicas);
      }
      const before = replicas.running;
      replicas.scaleTo(count);
      if (replicas.running !== before) {
        this.members.get(cluster)?.replicasChanged();
        touched.add(cluster);
      }
    }
    for (const cluster of [...touched].sort()) this.admit(cluster);
    await this.changed(key);
  }

  async remove(bindingKey: string): Promise<void> {
    const clusters = [...(this.placed.get(bindingKey) ?? [])].sort(byName);
    for (const [cluster, replicas] of clusters) {
      replicas.dispose();
      this.members.get(cluster)?.untrack(bindingKey);
    }
    this.placed.delete(bindingKey);
    for (const [cluster] of clusters) this.admit(cluster);
    this.notify(bindingKey);
  }

  /** The cluster and its agent go dark: replicas there stop being ready; nothing is reported. */
  async fail(cluster: string): Promise<void> {
    const member = this.members.get(cluster);
    if (!member || member.failed) return;
    member.failed = true;
    member.agent?.stop();
    for (const key of this.workloadsOn(cluster)) {
      this.placed.get(key)?.get(cluster)?.stall();
      this.notify(key);
    }
  }

  /** The cluster is back (also ends a degrade): its agent reports again, its replicas restart. */
  async recover(cluster: string): Promise<void> {
    const member = this.members.get(cluster);
    if (!member) return;
    member.degraded = false;
    if (!member.failed) return;
    member.failed = false;
    for (const key of this.workloadsOn(cluster)) {
      if (this.canStart(key, cluster)) this.placed.get(key)?.get(cluster)?.restart();
    }
    this.admit(cluster);
    for (const key of this.workloadsOn(cluster)) await this.changed(key);
    await member.agent?.start();
  }

  /** The API server answers but `/readyz` is not ok; workloads keep running. */
  async degrade(cluster: string): Promise<void> {
    const member = this.members.get(cluster);
    if (member) member.degraded = true;
  }

  /** The workload's application fails on `cluster`: its replicas there are not ready and report Unhealthy. */
  async markUnhealthy(workload: string, cluster: string): Promise<void> {
    this.unhealthy.add(`${workload}@${cluster}`);
    this.placed.get(workload)?.get(cluster)?.stall();
    await this.changed(workload);
  }

  /** Running and ready replicas of a workload per cluster (clusters with none left out). */
  replicas(workload: string): ReplicaCounts {
    const running: Record<string, number> = {};
    const ready: Record<string, number> = {};
    for (const [cluster, r] of [...(this.placed.get(workload) ?? [])].sort(byName)) {
      if (r.running > 0) running[cluster] = r.running;
      if (r.ready > 0) ready[cluster] = r.ready;
    }
    return { running, ready };
  }

  /** Ready replicas of a workload across the fleet. */
  readyReplicas(workload: string): number {
    let ready = 0;
    for (const r of this.placed.get(workload)?.values() ?? []) ready += r.ready;
    return ready;
  }

  /** Errors from work the fleet started on its own (a replica became ready and the report failed). */
  errors(): readonly unknown[] {
    return this.failures;
  }

  private background(work: Promise<void>): void {
    work.catch((error: unknown) => this.failures.push(error));
  }

  private workload(key: string): FleetWorkload {
    return this.workloads.get(key) ?? { startupSeconds: 10, resources: {} };
  }

  /** Starts the member's Pending replicas that now fit (room was freed, or more arrived). */
  private admit(cluster: string): void {
    const member = this.members.get(cluster);
    if (member) {
      member.admitPending((workload) => this.canStart(workload, cluster));
      return;
    }
    // A cluster the fleet does not simulate has no capacity to honour.
    for (const [key, placed] of this.placed) {
      const replicas = placed.get(cluster);
      replicas?.admit(replicas.pending, this.canStart(key, cluster));
    }
  }

  private canStart(workload: string, cluster: string): boolean {
    return !this.members.get(cluster)?.failed && !this.unhealthy.has(`${workload}@${cluster}`);
  }

  private workloadsOn(cluster: string): string[] {
    return [...this.placed]
      .filter(([, placed]) => placed.has(cluster))
      .map(([key]) => key)
      .sort();
  }

  private notify(workload: string): void {
    for (const listener of this.listeners) listener(workload);
  }

  private async changed(workload: string): Promise<void> {
    this.notify(workload);
    await this.report(workload);
  }

  /** Writes what the live members see of the workload into the binding's aggregated status. */
  private async report(key: string): Promise<void> {
    const placed = this.placed.get(key);
    if (!placed) return;
    const members = () =>
      [...placed].map(([cluster, r]) => ({
        cluster,
        running: r.running,
        ready: r.ready,
        unhealthy: this.unhealthy.has(`${key}@${cluster}`),
        // A dark cluster reports nothing: the control plane keeps what it last heard.
        unreachable: this.members.get(cluster)?.failed ?? false,
      }));
    await reportWorkloadStatus(this.store, key, members, () => this.clock.now());
  }
}
