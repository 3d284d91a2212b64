import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type { WorkloadGroupIndex } from '../contracts/workload-groups';
import type { Binding, EvictionTask, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import {
  addResources,
  replicasThatFit,
  scaleResources,
  subtractResources,
  type ResourceList,
} from '../model/resources';
import type { ScheduleResult } from '../scheduler/scheduler';
import type { BindingScheduler } from '../scheduler/scheduler-token';

/** The producer named on the stand-in tasks a peer is probed with (never stored). */
const GROUP_PROBE = 'WorkloadGroup';

/**
 * The peer as it would be scheduled once its group has left `leaving`: no targets there, and an
 * eviction task from each of them so the cluster-eviction filter keeps it away.
 */
function leavingWith(peer: Binding, leaving: ReadonlySet<string>): Binding {
  if (leaving.size === 0) return peer;
  const tasks = peer.spec.evictionTasks ?? [];
  const open = new Set(tasks.map((t) => t.fromCluster));
  const added: EvictionTask[] = [...leaving]
    .filter((name) => !open.has(name))
    .map((fromCluster) => ({
      fromCluster,
      purgeMode: 'Gracefully',
      reason: 'GroupLeaving',
      producer: GROUP_PROBE,
      creationTimestamp: 0,
    }));
  return {
    ...peer,
    spec: {
      ...peer.spec,
      clusters: (peer.spec.clusters ?? []).filter((t) => !leaving.has(t.name)),
      evictionTasks: [...tasks, ...added],
    },
  };
}

/** What the whole group asks of one cluster: every member's replicas there. */
function groupRequest(members: readonly Binding[]): ResourceList {
  return members.reduce<ResourceList>(
    (sum, m) =>
      addResources(
        sum,
        scaleResources(m.spec.replicaRequirements?.resourceRequest ?? {}, m.spec.replicas),
      ),
    {},
  );
}

/**
 * Schedules the workloads of an affinity group as one: the binding that chooses for its group
 * (none of its peers is placed outside the clusters the group is leaving: the group is new or on
 * the move) may only take clusters every peer could use on its own (each peer probed with the
 * scheduler, as if it had left those clusters too) and that hold the whole group at once, by
 * the cluster's reported free resources (allocatable minus allocated) and by the capacity
 * estimators, both asked about one replica requesting every member's replicas together.
 * The peers then follow it there through their affinity filter. When no cluster fits the whole
 * group the binding is scheduled alone, as Karmada does (the first of a group is not held back).
 * Every other binding is scheduled as the wrapped scheduler says. Each decision is told to the
 * group index before it is written, so the group's next workload sees it.
 * @public
 */
export class GroupScheduler implements BindingScheduler {
  constructor(
    private readonly inner: BindingScheduler,
    private readonly groups: WorkloadGroupIndex,
    private readonly estimators: readonly CapacityEstimator[],
  ) {}

  schedule(binding: Binding, clusters: readonly Cluster[], now: number): Promise<ScheduleResult> {
    // Ungrouped bindings get the wrapped scheduler's own promise: nothing added on their path.
    if (!binding.spec.workloadAffinityGroups) return this.inner.schedule(binding, clusters, now);
    return this.placeGroup(binding, clusters, now).then((result) => {
      if (result.ok) this.groups.assume(binding, result.clusters);
      return result;
    });
  }

  /** Passes the written placement on, so the wrapped scheduler counts it (no storm overcommit). */
  assume(binding: Binding, placement: readonly TargetCluster[], now: number): void {
    this.inner.assume?.(binding, placement, now);
  }

  private async placeGroup(
    binding: Binding,
    clusters: readonly Cluster[],
    now: number,
  ): Promise<ScheduleResult> {
    const alone = await this.inner.schedule(binding, clusters, now);
    const peers = this.groups.affinityPeers(binding);
    if (!alone.ok || peers.length === 0 || this.groups.affinityClusters(binding) !== undefined)
      return alone;
    const leaving = this.groups.leavingClusters(binding);
    const usable = new Set(alone.scored.map((s) => s.cluster.metadata.name));
    for (const peer of peers) {
      const probe = await this.inner.schedule(leavingWith(peer, leaving), clusters, now);
      if (!probe.ok) return alone;
      const names = new Set(probe.scored.map((s) => s.cluster.metadata.name));
      for (const name of usable) if (!names.has(name)) usable.delete(name);
    }
    for (const name of leaving) usable.delete(name);
    const fitting = await this.holdingAll([binding, ...peers], clusters, usable);
    if (
      fitting.length === 0 ||
      alone.clusters.every((t) => fitting.some((c) => c.metadata.name === t.name))
    )
      return alone;
    const placed = await this.inner.schedule(binding, fitting, now);
    return placed.ok ? placed : alone;
  }

  /** The usable clusters, in the given order, where every member's replicas fit together. */
  private async holdingAll(
    members: readonly Binding[],
    clusters: readonly Cluster[],
    usable: ReadonlySet<string>,
  ): Promise<Cluster[]> {
    const candidates = clusters.filter((c) => usable.has(c.metadata.name));
    if (candidates.length === 0) return [];
    const request = groupRequest(members);
    const [first] = members as [Binding];
    const group: Binding = {
      ...first,
      spec: {
        ...first.spec,
        replicas: 1,
        replicaRequirements: { resourceRequest: request },
        clusters: [],
      },
    };
    const room = new Map<string, number>();
    // What the cluster reports free bounds the group even where no estimator answers (Clusternet
    // predicts only for dynamic dividing).
    for (const cluster of candidates) {
      const status = cluster.status;
      if (!status?.allocatable) continue;
      const free = subtractResources(status.allocatable, status.allocated ?? {});
      room.set(cluster.metadata.name, replicasThatFit(free, request));
    }
    for (const estimator of this.estimators) {
      const answer = await estimator.maxAvailableReplicas(group, candidates);
      for (const [name, fit] of answer)
        room.set(name, Math.min(room.get(name) ?? Number.POSITIVE_INFINITY, fit));
    }
    return candidates.filter((c) => (room.get(c.metadata.name) ?? 1) >= 1);
  }
}
