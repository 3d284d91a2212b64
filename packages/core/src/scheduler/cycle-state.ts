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
 * Where a plugin that tries named groups of candidate clusters in order (a placement group,
 * e.g. Karmada's `clusterAffinities[].affinityName`) records the group the cycle scheduled
 * with. The scheduler returns it as `ScheduleResult.placementGroup` and the scheduling
 * controller keeps it in `status.schedulerObservingAffinityName`, so the plugin can stay on it.
 * @public
 */
export const PLACEMENT_GROUP = stateKey<string>('lifeboat.dev/placementGroup');

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
