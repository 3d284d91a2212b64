import type { Status } from './status';

/** Why one cluster was not chosen. @public */
export interface ClusterRejection {
  readonly cluster: string;
  readonly plugin: string;
  readonly reasons: readonly string[];
}

/**
 * Explains an unschedulable binding as kube-scheduler does:
 * `0/3 clusters are available: 1 cluster(s) had untolerated taint {k: v}, 2 cluster(s) did not match the placement cluster affinity.`
 * Reasons are counted and sorted, so the text is deterministic; `rejections` lists every cluster
 * with the plugin and reasons that rejected it, sorted by cluster.
 * @public
 */
export class FitError {
  readonly rejections: readonly ClusterRejection[];

  constructor(
    readonly totalClusters: number,
    rejected: ReadonlyMap<string, Status>,
    /** A reason that applies to the binding as a whole (pre-filter, strategy). */
    readonly reason?: string,
  ) {
    this.rejections = [...rejected]
      .map(([cluster, status]) => ({
        cluster,
        plugin: status.plugin ?? '',
        reasons: status.reasons,
      }))
      .sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0));
  }

  message(): string {
    const counts = new Map<string, number>();
    for (const r of this.rejections) {
      for (const reason of r.reasons.length ? r.reasons : [`rejected by ${r.plugin}`])
        counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    const parts = [...counts].map(([reason, n]) => `${n} cluster(s) ${reason}`).sort();
    if (this.reason) parts.push(this.reason);
    const available = this.totalClusters - this.rejections.length;
    return `${available}/${this.totalClusters} clusters are available: ${parts.join(', ')}.`;
  }
}
