import { Quantity, addResources, scaleResources, type ResourceList } from '@lifeboat/core';
import type { ApiHealth, MemberAgent, MemberSignals } from '../flavor/simulation-flavor';

/**
 * One virtual member cluster: its API health, its capacity and its agent. Faults change it;
 * the flavour's ports and agent read it through {@link MemberSignals}.
 */
export class MemberCluster implements MemberSignals {
  /** The cluster and its agent are dark. */
  failed = false;
  /** The API server answers but `/readyz` is not ok. */
  degraded = false;
  agent: MemberAgent | undefined;
  /** What the running replicas request, until they change. */
  private sum: ResourceList | undefined;
  private readonly requests = new Map<
    string,
    { perReplica: ResourceList; running: () => number }
  >();

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

  /** Counts a workload's running replicas against this cluster's resources. */
  track(workload: string, perReplica: ResourceList, running: () => number): void {
    this.requests.set(workload, { perReplica, running });
    this.sum = undefined;
  }

  untrack(workload: string): void {
    this.requests.delete(workload);
    this.sum = undefined;
  }

  private sumRequests(): ResourceList {
    let sum: ResourceList = {};
    for (const workload of [...this.requests.keys()].sort()) {
      const { perReplica, running } = this.requests.get(workload) as {
        perReplica: ResourceList;
        running: () => number;
      };
      const pods = running();
      if (pods === 0) continue;
      // Every replica takes one pod slot, whatever it requests.
      sum = addResources(sum, {
        ...scaleResources(perReplica, pods),
        pods: Quantity.fromUnits(pods),
      });
    }
    return sum;
  }
}
