import type { EvictionDecision, EvictionPolicy, TaskReview } from '../contracts/eviction-policy';
import type { WorkloadGroupView } from '../contracts/workload-groups';
import type { Binding, EvictionTask } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { isPlacementHealthy } from './placement-health';

/** Producer of the tasks that make a workload follow its affinity group off a cluster. @public */
export const WORKLOAD_GROUP_PRODUCER = 'WorkloadGroup';

/** Reason on those tasks. @public */
export const REASON_GROUP_LEAVING = 'AffinityGroupLeaving';

/**
 * Makes an affinity group leave a cluster together and gracefully, around any flavour's policy:
 * - a workload whose group has an open eviction task from a cluster it still targets leaves it
 *   too, `Gracefully` (its own copy is sound; it moves only to stay with its group);
 * - an open task of a grouped workload is reviewed as if the workload's new placement were not
 *   yet healthy until the whole group is ready: no member still on a cluster the group is
 *   leaving, and every member's placement complete and healthy. So no old copy of any member is
 *   removed before the group's new copies are ready, while the wrapped policy's own limits (a
 *   grace period running out, `Never`, `suppressDeletion`) still apply as it decides them.
 * Bindings without an affinity group see the wrapped policy unchanged.
 * @public
 */
export class GroupEvictionPolicy implements EvictionPolicy {
  readonly evictionsPerSecond?: number;

  constructor(
    private readonly inner: EvictionPolicy,
    private readonly groups: WorkloadGroupView,
  ) {
    this.evictionsPerSecond = inner.evictionsPerSecond;
  }

  decide(binding: Binding, cluster: Cluster, now: number): EvictionDecision {
    const decision = this.inner.decide(binding, cluster, now);
    if (decision.evict || !binding.spec.workloadAffinityGroups?.affinityGroup) return decision;
    const name = cluster.metadata.name;
    const leader = this.groups
      .affinityPeers(binding)
      .find((peer) => peer.spec.evictionTasks?.some((t) => t.fromCluster === name));
    if (!leader) return decision;
    return {
      ...decision,
      evict: {
        purgeMode: 'Gracefully',
        reason: REASON_GROUP_LEAVING,
        message: `${leader.metadata.name} of affinity group ${binding.spec.workloadAffinityGroups.affinityGroup} is leaving ${name}`,
        producer: WORKLOAD_GROUP_PRODUCER,
      },
    };
  }

  review(binding: Binding, task: EvictionTask, now: number): TaskReview {
    if (!binding.spec.workloadAffinityGroups?.affinityGroup || this.groupReady(binding))
      return this.inner.review(binding, task, now);
    return this.inner.review(notYetHealthy(binding), task, now);
  }

  private groupReady(binding: Binding): boolean {
    const leaving = this.groups.leavingClusters(binding);
    return [binding, ...this.groups.affinityPeers(binding)].every(
      (member) =>
        isPlacementHealthy(member) &&
        !(member.spec.clusters ?? []).some((t) => leaving.has(t.name)),
    );
  }
}

/** The binding with every member cluster's report turned `Unknown`: not healthy to any policy. */
function notYetHealthy(binding: Binding): Binding {
  const reports = binding.status?.aggregatedStatus;
  if (!reports) return binding;
  return {
    ...binding,
    status: {
      ...binding.status,
      aggregatedStatus: reports.map((r) => ({ ...r, health: 'Unknown' as const })),
    },
  };
}
