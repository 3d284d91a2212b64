/** Condition status, as Kubernetes. @public */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A Kubernetes-style condition. Times are ms since the epoch. @public */
export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: number;
}

/** The cluster condition every detector produces. @public */
export const READY_CONDITION = 'Ready';

/** The condition of `type`, if present. @public */
export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * `conditions` with `next` set: an unchanged status keeps the old `lastTransitionTime`, so a
 * detector may report the same verdict every period without faking a transition. An existing
 * condition is replaced where it stands and a new one appended (Kubernetes `SetStatusCondition`).
 * @public
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  next: Condition,
): Condition[] {
  const list = conditions ?? [];
  const old = findCondition(list, next.type);
  if (!old) return [...list, next];
  const merged: Condition =
    old.status === next.status ? { ...next, lastTransitionTime: old.lastTransitionTime } : next;
  return list.map((c) => (c.type === next.type ? merged : c));
}

/** Whether two conditions say the same thing (ignoring the transition time). @public */
export function sameCondition(a: Condition | undefined, b: Condition | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.type === b.type && a.status === b.status && a.reason === b.reason && a.message === b.message
  );
}
