/** A typed key into {@link CycleState}. @public */
export interface StateKey<T> {
  readonly name: string;
  readonly __type?: T;
}

/** Makes a state key; use one per piece of data a plugin shares between its points. @public */
export function stateKey<T>(name: string): StateKey<T> {
  return { name };
}

/**
 * Where a plugin records the affinity group (`Placement.clusterAffinities[].affinityName`) the
 * cycle scheduled with; the scheduling controller writes it to
 * `status.schedulerObservingAffinityName`.
 * @public
 */
export const AFFINITY_NAME = stateKey<string>('lifeboat.dev/affinityName');

/**
 * Data plugins share between the points of one scheduling cycle (pre-filter computes, filter
 * reads). A new one is made for every binding scheduled.
 * @public
 */
export class CycleState {
  private readonly data = new Map<string, unknown>();

  write<T>(key: StateKey<T>, value: T): void {
    this.data.set(key.name, value);
  }

  read<T>(key: StateKey<T>): T | undefined {
    return this.data.get(key.name) as T | undefined;
  }
}
