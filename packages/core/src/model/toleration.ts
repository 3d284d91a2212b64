import type { Taint, TaintEffect } from './taint';

/** Kubernetes toleration operators. @public */
export type TolerationOperator = 'Equal' | 'Exists';

/**
 * A toleration with Kubernetes semantics: an empty key with `Exists` tolerates everything; an
 * empty effect matches every effect; `tolerationSeconds` only means something for `NoExecute`.
 * @public
 */
export interface Toleration {
  readonly key?: string;
  readonly operator?: TolerationOperator;
  readonly value?: string;
  readonly effect?: TaintEffect;
  readonly tolerationSeconds?: number;
}

/** Whether `toleration` tolerates `taint` (Kubernetes `ToleratesTaint`). @public */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return !toleration.key || toleration.key === taint.key;
  if (!toleration.key) return false;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** The first taint passing `filter` that no toleration tolerates. @public */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  filter: (taint: Taint) => boolean = () => true,
): Taint | undefined {
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerations.some((t) => tolerates(t, taint))) return taint;
  }
  return undefined;
}

/** The tolerations that tolerate `taint`. @public */
export function matchingTolerations(
  tolerations: readonly Toleration[],
  taint: Taint,
): Toleration[] {
  return tolerations.filter((t) => tolerates(t, taint));
}

/**
 * For NoExecute taints: how long the binding may stay, in seconds, as Kubernetes' taint manager
 * computes it: each taint is covered by its first matching toleration; `0` when some taint is not
 * tolerated; `undefined` (stay forever) when none of those tolerations sets `tolerationSeconds`;
 * otherwise the smallest of their `tolerationSeconds` (negative counts as 0).
 * @public
 */
export function minTolerationSeconds(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): number | undefined {
  let min: number | undefined;
  for (const taint of taints) {
    const first = tolerations.find((t) => tolerates(t, taint));
    if (!first) return 0;
    if (first.tolerationSeconds === undefined) continue;
    const seconds = Math.max(0, first.tolerationSeconds);
    min = min === undefined ? seconds : Math.min(min, seconds);
  }
  return min;
}
