import { minTolerationSeconds, tolerates, type Taint, type Toleration } from '@lifeboat/core';

/** How a binding stands with one taint. @public */
export type TaintVerdict =
  | { readonly kind: 'tolerated' }
  | { readonly kind: 'untolerated' }
  /** Tolerated until `until` (ms since the epoch), from `tolerationSeconds` counted at `timeAdded`. */
  | { readonly kind: 'toleratedUntil'; readonly until: number };

/** Effects that keep a binding off a cluster (Clusternet's TaintToleration filter). @public */
export function isExcludingEffect(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/**
 * Judges one taint against the binding's tolerations. Without `honorTolerationSeconds` (as
 * Clusternet) a matching toleration tolerates forever. With it, the smallest matching
 * `tolerationSeconds` counts from the taint's `timeAdded`; a taint without `timeAdded` has no
 * anchor, so its grace counts as over.
 * @public
 */
export function judgeTaint(
  taint: Taint,
  tolerations: readonly Toleration[],
  honorTolerationSeconds: boolean,
): TaintVerdict {
  if (!tolerations.some((t) => tolerates(t, taint))) return UNTOLERATED;
  if (!honorTolerationSeconds) return TOLERATED;
  const seconds = minTolerationSeconds([taint], tolerations);
  if (seconds === undefined) return TOLERATED;
  if (taint.timeAdded === undefined) return UNTOLERATED;
  return { kind: 'toleratedUntil', until: taint.timeAdded + seconds * 1000 };
}

/**
 * The first taint that keeps the binding off the cluster at `now`, and the earliest time a
 * still-tolerated taint runs out (to look again then).
 * @public
 */
export function firstExcludingTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  now: number,
  honorTolerationSeconds: boolean,
): { readonly taint?: Taint; readonly recheckAt?: number } {
  let recheckAt: number | undefined;
  for (const taint of taints) {
    if (!isExcludingEffect(taint)) continue;
    const verdict = judgeTaint(taint, tolerations, honorTolerationSeconds);
    if (verdict.kind === 'untolerated') return { taint };
    if (verdict.kind === 'toleratedUntil') {
      if (verdict.until <= now) return { taint };
      recheckAt = recheckAt === undefined ? verdict.until : Math.min(recheckAt, verdict.until);
    }
  }
  return recheckAt === undefined ? {} : { recheckAt };
}

const TOLERATED: TaintVerdict = Object.freeze({ kind: 'tolerated' });
const UNTOLERATED: TaintVerdict = Object.freeze({ kind: 'untolerated' });
