import type { ScoredCluster } from '../contracts/scheduling-strategy';
import type { Cluster } from '../model/cluster';
import type { Status } from './status';

/** Past this many classes per snapshot the cache starts over, so unshareable keys cannot grow it without bound. */
const MAX_CLASSES = 4096;

/**
 * What the filters and scores said for one equivalence class of bindings on the current
 * clusters. Entries are filled lazily by the bindings of the class; an entry stays unknown while
 * every binding seen so far had that cluster among its binding-specific clusters.
 * @internal
 */
export class EquivalenceClass {
  /** Filter verdict per cluster, by position in name order; `undefined` until known. */
  readonly verdicts: (Status | undefined)[];
  /** Weighted score total per cluster, by position; NaN until known. */
  readonly totals: number[];
  unknownVerdicts: number;
  /** Positions whose verdict is known to be success, in name order. */
  feasible?: Cluster[];
  feasiblePositions?: number[];
  /** The feasible clusters with known totals, best first (ties by name); rebuilt when totals are added. */
  scored?: ScoredCluster[];
  /** Position of each `scored` entry. */
  scoredPositions?: number[];
  /** Capacity answers over `feasible`, per estimator key. */
  readonly estimates = new Map<string, ReadonlyMap<string, number>>();

  constructor(size: number) {
    this.verdicts = new Array<Status | undefined>(size).fill(undefined);
    this.totals = new Array<number>(size).fill(Number.NaN);
    this.unknownVerdicts = size;
  }

  /** Forgets what was known about the cluster at `position` (it changed). */
  invalidate(position: number): void {
    if (this.verdicts[position] !== undefined) {
      this.verdicts[position] = undefined;
      this.unknownVerdicts++;
    }
    this.totals[position] = Number.NaN;
    this.forgetLists();
  }

  /** Drops what is derived from the verdicts (they changed). */
  forgetLists(): void {
    this.feasible = undefined;
    this.feasiblePositions = undefined;
    this.scored = undefined;
    this.scoredPositions = undefined;
    this.estimates.clear();
  }
}

/**
 * The clusters one scheduling cycle ran against, sorted by name, with the equivalence classes
 * computed on them. A later cycle given the same cluster objects reuses it; when only some
 * cluster objects changed (same names, same order), only those clusters' entries are forgotten.
 * @internal
 */
export class ClusterSnapshot {
  readonly sorted: Cluster[];
  /** Position in `sorted` by cluster name. */
  readonly position = new Map<string, number>();
  private readonly input: Cluster[];
  /** Position in `sorted` of each input element. */
  private readonly inputPosition: number[];
  readonly classes = new Map<string, EquivalenceClass>();
  /** One filter's verdicts per cluster position, by that filter's own equivalence key. */
  private readonly filterTables = new Map<string, (Status | undefined)[]>();

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

  /**
   * This snapshot brought up to `clusters`, or `undefined` when they are not the same names in
   * the same order (a cluster joined or left: start a new snapshot). Changed cluster objects
   * replace the old ones and are forgotten by every class.
   */
  update(clusters: readonly Cluster[]): ClusterSnapshot | undefined {
    if (clusters.length !== this.input.length) return undefined;
    let changed: number[] | undefined;
    for (let i = 0; i < clusters.length; i++) {
      const next = clusters[i] as Cluster;
      const current = this.input[i] as Cluster;
      if (next === current) continue;
      if (next.metadata.name !== current.metadata.name) return undefined;
      (changed ??= []).push(i);
    }
    // Many changed at once (a relist, another fleet): starting over is cheaper than forgetting each.
    if (changed && changed.length > Math.max(8, clusters.length / 16)) return undefined;
    for (const i of changed ?? []) {
      const next = clusters[i] as Cluster;
      const at = this.inputPosition[i] as number;
      this.input[i] = next;
      this.sorted[at] = next;
      for (const entry of this.classes.values()) entry.invalidate(at);
      for (const table of this.filterTables.values()) table[at] = undefined;
    }
    return this;
  }

  /** The verdict table of one filter's equivalence key, created empty when new. */
  filterTable(key: string): (Status | undefined)[] {
    let table = this.filterTables.get(key);
    if (!table) {
      if (this.filterTables.size >= MAX_CLASSES) this.filterTables.clear();
      table = new Array<Status | undefined>(this.sorted.length).fill(undefined);
      this.filterTables.set(key, table);
    }
    return table;
  }

  /** The class for `key`, created empty when new. */
  classFor(key: string): EquivalenceClass {
    let entry = this.classes.get(key);
    if (!entry) {
      if (this.classes.size >= MAX_CLASSES) this.classes.clear();
      entry = new EquivalenceClass(this.sorted.length);
      this.classes.set(key, entry);
    }
    return entry;
  }
}

function compareNames(a: Cluster, b: Cluster): number {
  const an = a.metadata.name;
  const bn = b.metadata.name;
  return an < bn ? -1 : an > bn ? 1 : 0;
}
