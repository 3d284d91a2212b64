/** Kubernetes taint effects. @public */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** The effects, for validation and iteration. @public */
export const TAINT_EFFECTS: readonly TaintEffect[] = [
  'NoSchedule',
  'PreferNoSchedule',
  'NoExecute',
];

/**
 * A cluster taint with Kubernetes semantics. `timeAdded` (ms since the epoch, on the controller's
 * clock) anchors `tolerationSeconds`.
 * @public
 */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
  readonly timeAdded?: number;
}

/** Two taints are the same taint when key and effect match (as Kubernetes `MatchTaint`). @public */
export function sameTaint(
  a: Pick<Taint, 'key' | 'effect'>,
  b: Pick<Taint, 'key' | 'effect'>,
): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** `key:Effect`, the report spelling (value left out). @public */
export function formatTaint(taint: Pick<Taint, 'key' | 'effect'>): string {
  return `${taint.key}:${taint.effect}`;
}

/** `{key: value}` as kube-scheduler prints untolerated taints. @public */
export function describeTaint(taint: Taint): string {
  return `{${taint.key}: ${taint.value ?? ''}}`;
}
