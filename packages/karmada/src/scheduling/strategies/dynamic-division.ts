import type { TargetCluster } from '@lifeboat/core';
import { websterDivide } from './webster';

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
export type DivisionResult = { readonly clusters: TargetCluster[]; readonly error?: undefined } | { readonly error: string; readonly clusters?: undefined };

const byName = (a: TargetCluster, b: TargetCluster): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Karmada's dynamic division (`DynamicWeight: AvailableReplicas` and `Aggregated`) in Steady
 * mode: replicas on clusters that are still candidates stay where they are; only the missing
 * ones are divided, by free capacity, and added on top; a scale-down shrinks the current
 * placement proportionally. Replicas on clusters that are no longer candidates (evicted, filtered
 * out) count as missing. `fresh` divides everything by free capacity plus what is held.
 * @public
 */
export function divideDynamically(input: DynamicDivisionInput): DivisionResult {
  const candidateNames = new Set(input.candidates.map((c) => c.name));
  const kept = input.previous.filter((t) => t.replicas > 0 && candidateNames.has(t.name));
  const held = new Map(kept.map((t) => [t.name, t.replicas]));
  const assigned = kept.reduce((sum, t) => sum + t.replicas, 0);

  if (input.fresh) {
    const weights = input.candidates.map((c) => ({ name: c.name, weight: c.available + (held.get(c.name) ?? 0) }));
    return divide(input.replicas, weights, new Set(), input, new Map());
  }
  if (assigned === input.replicas) return { clusters: [...kept].sort(byName) };
  if (assigned > input.replicas) {
    const weights = kept.map((t) => ({ name: t.name, weight: t.replicas }));
    return divide(input.replicas, weights, new Set(), input, new Map());
  }
  const weights = input.candidates.map((c) => ({ name: c.name, weight: c.available }));
  return divide(input.replicas - assigned, weights, new Set(held.keys()), input, held);
}

function divide(
  target: number,
  weights: readonly { name: string; weight: number }[],
  holders: ReadonlySet<string>,
  input: DynamicDivisionInput,
  base: ReadonlyMap<string, number>,
): DivisionResult {
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  if (sum < target) return { error: `Clusters available replicas ${sum} are not enough to schedule` };
  let chosen = [...weights].sort((a, b) => b.weight - a.weight);
  if (input.aggregated) {
    chosen = [...chosen.filter((w) => holders.has(w.name)), ...chosen.filter((w) => !holders.has(w.name))];
    let cumulative = 0;
    const prefix: typeof chosen = [];
    for (const w of chosen) {
      if (cumulative >= target) break;
      prefix.push(w);
      cumulative += w.weight;
    }
    chosen = prefix;
  }
  const divided = target > 0 ? websterDivide(target, chosen, input.tieBreakKey) : new Map<string, number>();
  const merged = new Map(base);
  for (const [name, replicas] of divided) merged.set(name, (merged.get(name) ?? 0) + replicas);
  const clusters = [...merged].filter(([, replicas]) => replicas > 0).map(([name, replicas]) => ({ name, replicas }));
  return { clusters: clusters.sort(byName) };
}
