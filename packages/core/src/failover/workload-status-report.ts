import type { StateStore } from '../contracts/state-store';
import { retryOnConflict } from '../controller/retry-on-conflict';
import type { AggregatedStatusItem, WorkloadHealth } from '../model/binding';

/** What one member cluster runs of a workload, as its actuator sees it. @public */
export interface MemberWorkload {
  readonly cluster: string;
  readonly running: number;
  readonly ready: number;
  /** The application reports itself unhealthy there. */
  readonly unhealthy?: boolean;
  /** The member cannot be reached: it reports nothing, so what it said last stands. */
  readonly unreachable?: boolean;
}

/**
 * The binding's `status.aggregatedStatus` for what the members run now: per cluster (in name
 * order) `Unhealthy` when the application says so, `Healthy` when every running replica is ready,
 * else `Unknown`; `healthSince` keeps its time while the health stays the same. Unreachable
 * members keep their previous entry.
 * @public
 */
export function aggregatedStatusFor(
  members: readonly MemberWorkload[],
  previous: readonly AggregatedStatusItem[] | undefined,
  now: number,
): AggregatedStatusItem[] {
  const before = new Map((previous ?? []).map((s) => [s.clusterName, s]));
  const items: AggregatedStatusItem[] = [];
  for (const m of [...members].sort((a, b) =>
    a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0,
  )) {
    const old = before.get(m.cluster);
    if (m.unreachable) {
      if (old) items.push(old);
      continue;
    }
    const health: WorkloadHealth = m.unhealthy
      ? 'Unhealthy'
      : m.ready >= m.running
        ? 'Healthy'
        : 'Unknown';
    items.push({
      clusterName: m.cluster,
      applied: true,
      health,
      readyReplicas: m.ready,
      healthSince: old?.health === health ? (old.healthSince ?? now) : now,
    });
  }
  return items;
}

/**
 * Writes {@link aggregatedStatusFor} into the binding `key` when it changed, re-reading on a
 * write conflict. What an actuator calls whenever a member's replicas change.
 * @public
 */
export async function reportWorkloadStatus(
  store: StateStore,
  key: string,
  members: () => readonly MemberWorkload[],
  now: () => number,
): Promise<void> {
  await retryOnConflict(async () => {
    const binding = await store.get('Binding', key);
    if (!binding) return;
    const items = aggregatedStatusFor(members(), binding.status?.aggregatedStatus, now());
    if (JSON.stringify(items) === JSON.stringify(binding.status?.aggregatedStatus ?? [])) return;
    await store.update('Binding', {
      ...binding,
      status: { ...binding.status, aggregatedStatus: items },
    });
  });
}
