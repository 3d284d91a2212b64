import type { TargetCluster } from '@lifeboat/core';
import { websterWinners } from './webster';

/** A candidate with its static weight (the largest weight of the rules that match it). @public */
export interface WeightedCandidate {
  readonly name: string;
  readonly weight: number;
}

/**
 * Karmada's static-weight division: always from scratch (no memory of the previous placement),
 * Webster over the weights; when every weight is 0 each candidate counts 1. Clusters that get
 * no replica are left out. Result sorted by name.
 * @public
 */
export function divideByStaticWeight(
  replicas: number,
  candidates: readonly WeightedCandidate[],
  tieBreakKey: string,
): TargetCluster[] {
  if (candidates.length === 0) return [];
  const anyWeight = candidates.some((c) => c.weight > 0);
  const parties = candidates.map((c) => ({ name: c.name, weight: anyWeight ? c.weight : 1 }));
  return [...websterWinners(replicas, parties, tieBreakKey)]
    .filter(([, n]) => n > 0)
    .map(([name, n]) => ({ name, replicas: n }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
