/** One topology group as the group search sees it. @public */
export interface GroupInfo {
  readonly name: string;
  /** What the group contributes towards the target (Karmada: its number of clusters). */
  readonly value: number;
  /** How good the group is (Karmada: its group score). */
  readonly weight: number;
}

interface Path {
  /** Order of discovery, the last tie-break. */
  readonly id: number;
  /** The groups, best weight first, then by name. */
  readonly groups: readonly GroupInfo[];
  readonly weight: number;
  readonly value: number;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `sub` is a shorter path whose groups start `path` (both in weight order). */
function isPrefixOf(sub: Path, path: Path): boolean {
  return (
    sub.groups.length < path.groups.length &&
    sub.groups.every((g, i) => path.groups[i]?.name === g.name)
  );
}

/** Combinations the exact search may visit before it gives way to the greedy choice. @internal */
export const GROUP_SEARCH_BUDGET = 100_000;

/**
 * Karmada's group search (`selectGroups`, pkg/scheduler/core/spreadconstraint): among every
 * combination of `minGroups` to `maxGroups` groups whose values add up to at least `target`, the
 * one with the highest total weight, then the highest total value, then the one found first
 * (groups are tried by value ascending, weight descending, name); a combination that is a prefix
 * of the winner, in weight order, is preferred to it (fewer groups for the same best ones).
 * Returns the chosen groups best weight first, or `undefined` when no combination qualifies.
 *
 * The search is exponential in the number of groups (Karmada only searches regions, which are
 * few; Lifeboat also spreads by zone, provider and label). When it would visit more than
 * {@link GROUP_SEARCH_BUDGET} combinations, the groups are taken greedily instead, best weight
 * first, until the combination qualifies.
 * @public
 */
export function selectGroups(
  groups: readonly GroupInfo[],
  minGroups: number,
  maxGroups: number,
  target: number,
): readonly GroupInfo[] | undefined {
  if (groups.length === 0) return undefined;
  const sorted = [...groups].sort(
    (a, b) => a.value - b.value || b.weight - a.weight || byName(a.name, b.name),
  );
  const paths: Path[] = [];
  const current: GroupInfo[] = [];
  // A depth-first walk over combinations in `sorted` order; a path stops growing once it reaches
  // the target (longer ones through it are never better) or the maximum length.
  let visited = 0;
  const walk = (sum: number, begin: number): void => {
    if (++visited > GROUP_SEARCH_BUDGET) return;
    if (sum >= target && current.length >= minGroups && current.length <= maxGroups) {
      const chosen = [...current].sort((a, b) => b.weight - a.weight || byName(a.name, b.name));
      paths.push({
        id: paths.length,
        groups: chosen,
        weight: chosen.reduce((total, g) => total + g.weight, 0),
        value: chosen.reduce((total, g) => total + g.value, 0),
      });
      return;
    }
    if (current.length >= maxGroups) return;
    for (let i = begin; i < sorted.length; i++) {
      const group = sorted[i] as GroupInfo;
      current.push(group);
      walk(sum + group.value, i + 1);
      current.pop();
    }
  };
  walk(0, 0);
  if (visited > GROUP_SEARCH_BUDGET) return greedy(groups, minGroups, maxGroups, target);
  if (paths.length === 0) return undefined;
  paths.sort((a, b) => b.weight - a.weight || b.value - a.value || a.id - b.id);
  let best = paths[0] as Path;
  for (const path of paths.slice(1)) if (isPrefixOf(path, best)) best = path;
  return best.groups;
}

/** The best-weighted groups, one at a time, until they reach `target` with at least `minGroups`. */
function greedy(
  groups: readonly GroupInfo[],
  minGroups: number,
  maxGroups: number,
  target: number,
): readonly GroupInfo[] | undefined {
  const chosen: GroupInfo[] = [];
  let sum = 0;
  for (const group of [...groups].sort((a, b) => b.weight - a.weight || byName(a.name, b.name))) {
    if (chosen.length >= maxGroups) break;
    chosen.push(group);
    sum += group.value;
    if (sum >= target && chosen.length >= minGroups) return chosen;
  }
  return undefined;
}
