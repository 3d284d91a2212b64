import {
  Quantity,
  addResources,
  replicasThatFit,
  scaleResources,
  subtractResources,
  type ResourceList,
} from '@lifeboat/core';
import type { ApiHealth, MemberAgent, MemberSignals } from '../flavor/simulation-flavor';
import type { ReplicaSet } from './replica-set';

/**
 * One virtual member cluster: its API health, its capacity and its agent. Faults change it;
 * the flavour's ports and agent read it through {@link MemberSignals}. It honours its capacity as
 * a real cluster's scheduler would: a replica starts only when it fits into what the replicas
 * already admitted leave of the capacity; the others stay Pending (first come, first served, in
 * the order the workloads arrived), and nothing admitted is ever pushed out.
 */
export class MemberCluster implements MemberSignals {
  /** The cluster and its agent are dark. */
  failed = false;
  /** The API server answers but `/readyz` is not ok. */
  degraded = false;
  agent: MemberAgent | undefined;
  /** What the running replicas request, until they change. */
  private sum: ResourceList | undefined;
  private readonly requests = new Map<string, { perReplica: ResourceList; replicas: ReplicaSet }>();
  /**
   * What the admitted replicas request, with each workload's admitted count it sums. Kept across
   * applies and brought up to date by the counts that moved, because re-summing every workload
   * of the cluster on each apply was a few percent of a 1,000-cluster run (quantities are exact,
   * so the running sum equals a fresh one).
   */
  private admittedUse?: { used: ResourceList; readonly counts: Map<string, number> };

  constructor(
    readonly name: string,
    private readonly total: ResourceList,
  ) {}

  apiHealth(): ApiHealth {
    if (this.failed) return 'down';
    return this.degraded ? 'degraded' : 'ok';
  }

  capacity(): ResourceList {
    return this.total;
  }

  allocated(): ResourceList {
    // Agents ask every status period and replicas change far less often: sum only after a change.
    this.sum ??= this.sumRequests();
    return this.sum;
  }

  /** The fleet calls this whenever a tracked workload's running replicas may have changed. */
  replicasChanged(): void {
    this.sum = undefined;
  }

  /** Counts a workload's replicas (Pending ones too: they request resources) against this cluster. */
  track(workload: string, perReplica: ResourceList, replicas: ReplicaSet): void {
    if (this.requests.has(workload)) this.admittedUse = undefined;
    this.requests.set(workload, { perReplica, replicas });
    this.sum = undefined;
  }

  /**
   * Starts the Pending replicas that now fit, workload by workload in arrival order;
   * `canStart(workload)` false admits them without ever making them ready.
   */
  admitPending(canStart: (workload: string) => boolean): void {
    if (!this.anyPending()) return;
    const use = this.admittedUseNow();
    for (const [workload, { perReplica, replicas }] of this.requests) {
      if (replicas.pending === 0) continue;
      const fit = replicasThatFit(subtractResources(this.total, use.used), perReplica);
      const n = Math.min(replicas.pending, fit);
      if (n <= 0) continue;
      replicas.admit(n, canStart(workload));
      use.used = addResources(use.used, withPod(perReplica, n));
      use.counts.set(workload, replicas.admitted);
    }
  }

  untrack(workload: string): void {
    this.requests.delete(workload);
    this.sum = undefined;
    this.admittedUse = undefined;
  }

  private anyPending(): boolean {
    for (const { replicas } of this.requests.values()) if (replicas.pending > 0) return true;
    return false;
  }

  /** `admittedUse` with the counts that moved since (scale-downs) added in. */
  private admittedUseNow(): { used: ResourceList; readonly counts: Map<string, number> } {
    const use = (this.admittedUse ??= { used: {}, counts: new Map() });
    for (const [workload, { perReplica, replicas }] of this.requests) {
      const admitted = replicas.admitted;
      const moved = admitted - (use.counts.get(workload) ?? 0);
      if (moved === 0) continue;
      use.used = addResources(use.used, withPod(perReplica, moved));
      use.counts.set(workload, admitted);
    }
    return use;
  }

  private sumRequests(): ResourceList {
    let sum: ResourceList = {};
    for (const workload of [...this.requests.keys()].sort()) {
      const { perReplica, replicas } = this.requests.get(workload) as {
        perReplica: ResourceList;
        replicas: ReplicaSet;
      };
      const pods = replicas.running;
      if (pods === 0) continue;
      sum = addResources(sum, withPod(perReplica, pods));
    }
    return sum;
  }
}

/** What `n` replicas request: every replica takes one pod slot, whatever else it requests. */
function withPod(perReplica: ResourceList, n: number): ResourceList {
  return { ...scaleResources(perReplica, n), pods: Quantity.fromUnits(n) };
}
