import type { ScoredCluster } from '@lifeboat/core';

/** The candidates of one scheduling class ordered for a dynamic division. @internal */
export interface RankedCandidates {
  /** Candidates by free replicas, roomiest first (ties in candidate order). */
  readonly byRoom: readonly { readonly name: string; readonly weight: number }[];
  /** Free replicas over all candidates. */
  readonly total: number;
}

/**
 * Remembers, per candidate list and capacity answer, the candidates ranked by free replicas.
 * Core's scheduler hands the same (immutable) list and answer to every binding of a scheduling
 * class, so the ranking is built once per class instead of once per binding. A list with a
 * candidate no estimator bounds is not ranked: its room would depend on the binding.
 * @internal
 */
export class RankedCandidatesCache {
  private readonly byList = new WeakMap<
    readonly ScoredCluster[],
    WeakMap<ReadonlyMap<string, number>, RankedCandidates | null>
  >();

  get(
    candidates: readonly ScoredCluster[],
    available: ReadonlyMap<string, number>,
  ): RankedCandidates | undefined {
    let byAnswer = this.byList.get(candidates);
    if (!byAnswer) {
      byAnswer = new WeakMap();
      this.byList.set(candidates, byAnswer);
    }
    let ranked = byAnswer.get(available);
    if (ranked === undefined) {
      ranked = rank(candidates, available);
      byAnswer.set(available, ranked);
    }
    return ranked ?? undefined;
  }
}

function rank(
  candidates: readonly ScoredCluster[],
  available: ReadonlyMap<string, number>,
): RankedCandidates | null {
  const byRoom: { name: string; weight: number }[] = [];
  let total = 0;
  for (const c of candidates) {
    const name = c.cluster.metadata.name;
    const free = available.get(name);
    if (free === undefined || !Number.isFinite(free)) return null;
    const weight = Math.max(0, Math.floor(free));
    byRoom.push({ name, weight });
    total += weight;
  }
  byRoom.sort((a, b) => b.weight - a.weight);
  return { byRoom, total };
}
