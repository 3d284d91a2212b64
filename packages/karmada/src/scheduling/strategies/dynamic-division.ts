import type { TargetCluster } from '@lifeboat/core';
import { websterWinners } from './webster';

/** A candidate of a dynamic division, in preference order. @public */
export interface DynamicCandidate {
  readonly name: string;
  /** Replicas it can still take (free capacity). */
  readonly available: number;
}

/** Inputs of {@link divideDynamically}. @public */
export interface DynamicDivisionInput {
  readonly replicas: number;
  readonly candidates: readonly DynamicCandidate[];
  /** The current placement (`spec.clusters`). */
  readonly previous: readonly TargetCluster[];
  /** Ignore the current placement and divide everything again (a requested reschedule). */
  readonly fresh?: boolean;
  /** Use as few clusters as capacity allows, preferring those already used. */
  readonly aggregated?: boolean;
  readonly tieBreakKey: string;
}

/** A placement (sorted by cluster name) or why there is none. @public */
export type DivisionResult =
  | { readonly clusters: TargetCluster[]; readonly error?: undefined }
  | { readonly error: string; readonly clusters?: undefined };

interface Weighted {
  readonly name: string;
  readonly weight: number;
}

const byName = (a: TargetCluster, b: TargetCluster): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * Karmada's dynamic division (`DynamicWeight: AvailableReplicas` and `Aggregated`) in Steady
 * mode: replicas on clusters that are still candidates stay where they are; only the missing
 * ones are divided, by free capacity, and added on top; a scale-down shrinks the current
 * placement proportionally. Replicas on clusters that are no longer candidates (evicted, filtered
 * out) count as missing. `fresh` divides everything by free capacity plus what is held.
 * @public
 */
export function divideDynamically(input: DynamicDivisionInput): DivisionResult {
  // The placement is small and the candidates many: index the placement, scan the candidates once.
  const previous = new Map<string, number>();
  for (const t of input.previous) if (t.replicas > 0) previous.set(t.name, t.replicas);
  const held = new Map<string, number>();
  for (const c of input.candidates) {
    const replicas = previous.get(c.name);
    if (replicas !== undefined) held.set(c.name, replicas);
  }
  let assigned = 0;
  for (const replicas of held.values()) assigned += replicas;

  if (input.fresh) {
    const weights = input.candidates.map((c) => ({
      name: c.name,
      weight: c.available + (held.get(c.name) ?? 0),
    }));
    return divide(input.replicas, weights, new Set(), input, new Map());
  }
  if (assigned === input.replicas)
    return { clusters: [...held].map(([name, replicas]) => ({ name, replicas })).sort(byName) };
  if (assigned > input.replicas) {
    const weights = [...held].map(([name, replicas]) => ({ name, weight: replicas }));
    return divide(input.replicas, weights, new Set(), input, new Map());
  }
  const weights = input.candidates.map((c) => ({ name: c.name, weight: c.available }));
  return divide(input.replicas - assigned, weights, new Set(held.keys()), input, held);
}

function divide(
  target: number,
  weights: readonly Weighted[],
  holders: ReadonlySet<string>,
  input: DynamicDivisionInput,
  base: ReadonlyMap<string, number>,
): DivisionResult {
  let sum = 0;
  for (const w of weights) sum += w.weight;
  if (sum < target)
    return { error: `Clusters available replicas ${sum} are not enough to schedule` };
  let chosen = weights;
  if (input.aggregated) {
    const roomiestFirst = [...weights].sort((a, b) => b.weight - a.weight);
    const ordered = [
      ...roomiestFirst.filter((w) => holders.has(w.name)),
      ...roomiestFirst.filter((w) => !holders.has(w.name)),
    ];
    let cumulative = 0;
    const prefix: Weighted[] = [];
    for (const w of ordered) {
      if (cumulative >= target) break;
      prefix.push(w);
      cumulative += w.weight;
    }
    chosen = prefix;
  }
  const merged = new Map(base);
  if (target > 0) {
    for (const [name, replicas] of websterWinners(target, chosen, input.tieBreakKey)) {
      if (replicas > 0) merged.set(name, (merged.get(name) ?? 0) + replicas);
    }
  }
  const clusters: TargetCluster[] = [];
  for (const [name, replicas] of merged) if (replicas > 0) clusters.push({ name, replicas });
  return { clusters: clusters.sort(byName) };
}
