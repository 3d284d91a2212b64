import {
  READY_CONDITION,
  desiredReplicasPerCluster,
  findCondition,
  objectKey,
  type Actuator,
  type Binding,
  type Cluster,
  type StateStore,
  type Unsubscribe,
} from '@lifeboat/core';

/** Whether `binding` still reports a copy on `cluster` that its placement no longer wants. @public */
export function hasStaleCopy(binding: Binding, cluster: string): boolean {
  const reported = (binding.status?.aggregatedStatus ?? []).some((s) => s.clusterName === cluster && (s.applied || s.readyReplicas > 0));
  return reported && (desiredReplicasPerCluster(binding).get(cluster) ?? 0) === 0;
}

function isReady(cluster: Cluster | undefined): boolean {
  return findCondition(cluster?.status?.conditions, READY_CONDITION)?.status === 'True';
}

/**
 * What Clusternet lacks (it orphans a lost cluster's copies: the finalizers are stripped without
 * contacting the cluster): when a cluster turns Ready again, every binding that still reports a
 * copy there but no longer places replicas there is applied again, so the actuator removes the
 * stale copy from the recovered cluster. Core's actuation runs only on spec changes, which
 * happened while the cluster was unreachable.
 * @public
 */
export class StaleCopyCleaner {
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly actuator: Actuator,
  ) {}

  /** Watches clusters and cleans up after each recovery. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store.watch('Cluster', (event) => {
      if (event.type === 'MODIFIED' && isReady(event.object) && !isReady(event.previous)) {
        void this.cleanUp(event.object.metadata.name);
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Re-applies every binding with a stale copy on `cluster`; resolves with their keys. */
  async cleanUp(cluster: string): Promise<string[]> {
    const { items } = await this.store.list('Binding');
    const stale = items.filter((b) => hasStaleCopy(b, cluster));
    for (const binding of stale) await this.actuator.apply(binding);
    return stale.map((b) => objectKey(b.metadata));
  }
}
