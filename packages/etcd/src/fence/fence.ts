/**
 * Proof of leadership that a write transaction re-checks: the election key must still exist
 * with the create revision it had when this writer won. A new term always re-creates the key
 * (a higher revision), so a deposed leader's fence can never match again.
 * @public
 */
export interface Fence {
  /** The election key, e.g. `/lifeboat/election/controller`. */
  readonly key: string;
  /** The key's create revision when this writer won the election. */
  readonly createRevision: string;
}

/**
 * Where a fenced store gets its fence: a fixed fence, or a function asked at every write
 * (`() => elector.fence()`), which returns `undefined` while not leading so writes fail fast.
 * @public
 */
export type FenceSource = Fence | (() => Fence | undefined);

/** The fence to check now, or `undefined` when the source says this writer does not lead. */
export function currentFence(source: FenceSource): Fence | undefined {
  return typeof source === 'function' ? source() : source;
}
