import type { Clock } from '../contracts/clock';
import type { EventRecorder } from '../contracts/event-recorder';
import type { StateStore } from '../contracts/state-store';
import type { Tainter } from '../contracts/tainter';
import type { Informer } from '../controller/informer';
import type { Reconciler } from '../controller/controller';
import { formatTaint, sameTaint, type Taint } from '../model/taint';

/**
 * Applies the {@link Tainter}'s verdict to each cluster's taints: removes what it says to
 * remove, adds what is missing stamped with `timeAdded = now`, and leaves every other taint
 * (manual cordons) alone.
 * @public
 */
export class ClusterTaintController implements Reconciler {
  constructor(
    private readonly clusters: Informer<'Cluster'>,
    private readonly store: StateStore,
    private readonly tainter: Tainter,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {}

  async reconcile(key: string): Promise<void> {
    const cluster = this.clusters.get(key);
    if (!cluster) return;
    const change = this.tainter.reconcile(cluster);
    const now = this.clock.now();
    const current = cluster.spec.taints ?? [];
    const removed = current.filter((t) => change.remove.some((r) => sameTaint(r, t)));
    let taints: Taint[] = current.filter((t) => !removed.includes(t));
    const added: Taint[] = [];
    for (const taint of change.add) {
      if (taints.some((t) => sameTaint(t, taint))) continue;
      const stamped = { ...taint, timeAdded: taint.timeAdded ?? now };
      added.push(stamped);
      taints = [...taints, stamped];
    }
    if (removed.length === 0 && added.length === 0) return;
    await this.store.update('Cluster', { ...cluster, spec: { ...cluster.spec, taints } });
    for (const [list, reason] of [
      [added, 'TaintAdded'],
      [removed, 'TaintRemoved'],
    ] as const) {
      for (const taint of list) {
        this.recorder.record({
          kind: 'Cluster',
          key,
          type: 'Normal',
          reason,
          message: formatTaint(taint),
          time: now,
          details: { taint: formatTaint(taint) },
        });
      }
    }
  }
}
