import type { Cluster } from '../model/cluster';

const UNCHANGED: readonly number[] = [];

/**
 * The clusters a scheduling cycle runs against, sorted by name once per cluster state rather
 * than once per binding. A later cycle given the same cluster objects reuses it; when only some
 * objects changed (same names, same order), {@link ClusterSnapshot.update} swaps them in and says
 * which positions changed, so caches keyed by position forget only those.
 * @internal
 */
export class ClusterSnapshot {
  readonly sorted: Cluster[];
  /** Position in `sorted` by cluster name. */
  readonly position = new Map<string, number>();
  private readonly input: Cluster[];
  /** Position in `sorted` of each input element. */
  private readonly inputPosition: number[];

  constructor(clusters: readonly Cluster[]) {
    this.input = [...clusters];
    const order = this.input
      .map((_, i) => i)
      .sort((a, b) => compareNames(this.input[a] as Cluster, this.input[b] as Cluster));
    this.sorted = order.map((i) => this.input[i] as Cluster);
    this.inputPosition = new Array<number>(order.length);
    order.forEach((inputIndex, sortedIndex) => {
      this.inputPosition[inputIndex] = sortedIndex;
    });
    this.sorted.forEach((c, i) => this.position.set(c.metadata.name, i));
  }

  /** The cluster at `position` in name order. */
  clusterAt(position: number): Cluster {
    const cluster = this.sorted[position];
    if (!cluster)
      throw new RangeError(`no cluster at position ${position} of ${this.sorted.length}`);
    return cluster;
  }

  /**
   * Brings this snapshot up to `clusters` and returns the positions (in `sorted`) whose cluster
   * object changed, or `undefined` when `clusters` are not the same names in the same order (a
   * cluster joined or left) or most of them changed: then a new snapshot is cheaper.
   */
  update(clusters: readonly Cluster[]): readonly number[] | undefined {
    if (clusters.length !== this.input.length) return undefined;
    let changed: number[] | undefined;
    for (let i = 0; i < clusters.length; i++) {
      const next = clusters[i] as Cluster;
      const current = this.input[i] as Cluster;
      if (next === current) continue;
      if (next.metadata.name !== current.metadata.name) return undefined;
      (changed ??= []).push(i);
    }
    if (!changed) return UNCHANGED;
    // Many changed at once (a relist, another fleet): starting over is cheaper than forgetting each.
    if (changed.length > Math.max(8, clusters.length / 16)) return undefined;
    return changed.map((i) => {
      const next = clusters[i] as Cluster;
      const at = this.inputPosition[i] as number;
      this.input[i] = next;
      this.sorted[at] = next;
      return at;
    });
  }
}

function compareNames(a: Cluster, b: Cluster): number {
  const an = a.metadata.name;
  const bn = b.metadata.name;
  return an < bn ? -1 : an > bn ? 1 : 0;
}
