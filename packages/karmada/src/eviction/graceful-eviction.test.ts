import type { AggregatedStatusItem, Binding, EvictionTask, TargetCluster } from '@lifeboat/core';
import { makeBinding } from '@lifeboat/core/testing';
import { GracefulEvictionReviewer } from './graceful-eviction';

const CREATED = 1_000_000;
const TIMEOUT_MS = 600_000;

const task = (extra: Partial<EvictionTask> = {}): EvictionTask => ({
  fromCluster: 'member1',
  purgeMode: 'Gracefully',
  reason: 'TaintUntolerated',
  producer: 'TaintManager',
  replicas: 1,
  creationTimestamp: CREATED,
  ...extra,
});

const healthy = (clusterName: string, readyReplicas: number): AggregatedStatusItem => ({
  clusterName,
  applied: true,
  health: 'Healthy',
  readyReplicas,
});

/** foo, 2 replicas, static weights, rescheduled after the task was written unless told otherwise. */
function binding(opts: {
  clusters: TargetCluster[];
  status?: AggregatedStatusItem[];
  scheduledAt?: number;
  generation?: number;
  observed?: number;
  duplicated?: boolean;
}): Binding {
  const b = makeBinding('foo', {
    replicas: 2,
    clusters: opts.clusters,
    placement: {
      replicaScheduling: opts.duplicated
        ? { type: 'Duplicated' }
        : { type: 'Divided', division: 'StaticWeight', staticWeightList: [] },
    },
  });
  return {
    ...b,
    metadata: { ...b.metadata, generation: opts.generation ?? 3 },
    status: {
      schedulerObservedGeneration: opts.observed ?? 3,
      lastScheduledTime: opts.scheduledAt ?? CREATED + 1,
      aggregatedStatus: opts.status ?? [],
    },
  };
}

const reviewer = new GracefulEvictionReviewer(TIMEOUT_MS);

describe('GracefulEvictionReviewer.review', () => {
  it.each<{ name: string; binding: Binding; task: EvictionTask; now: number; want: object }>([
    {
      name: 'finishes when every new target reports the workload healthy with its replicas ready',
      binding: binding({
        clusters: [{ name: 'member2', replicas: 2 }],
        status: [healthy('member2', 2)],
      }),
      task: task(),
      now: CREATED + 20_000,
      want: { done: true, reason: 'NewPlacementHealthy' },
    },
    {
      name: 'waits while a new target is not healthy yet',
      binding: binding({
        clusters: [
          { name: 'member2', replicas: 1 },
          { name: 'member3', replicas: 1 },
        ],
        status: [
          healthy('member2', 1),
          { clusterName: 'member3', applied: true, health: 'Unknown', readyReplicas: 0 },
        ],
      }),
      task: task(),
      now: CREATED + 20_000,
      want: { done: false, recheckAt: CREATED + TIMEOUT_MS },
    },
    {
      name: 'waits while a target reports fewer ready replicas than it should run',
      binding: binding({
        clusters: [{ name: 'member2', replicas: 2 }],
        status: [healthy('member2', 1)],
      }),
      task: task(),
      now: CREATED + 20_000,
      want: { done: false, recheckAt: CREATED + TIMEOUT_MS },
    },
    {
      name: 'never finishes as healthy while the new placement is empty (Karmada bug #7455)',
      binding: binding({ clusters: [] }),
      task: task(),
      now: CREATED + 20_000,
      want: { done: false, recheckAt: CREATED + TIMEOUT_MS },
    },
    {
      name: 'waits until the scheduler has placed the missing replicas',
      binding: binding({
        clusters: [{ name: 'member2', replicas: 1 }],
        status: [healthy('member2', 1)],
      }),
      task: task(),
      now: CREATED + 20_000,
      want: { done: false, recheckAt: CREATED + TIMEOUT_MS },
    },
    {
      name: 'waits while the scheduler has not seen the latest spec',
      binding: binding({
        clusters: [{ name: 'member2', replicas: 2 }],
        status: [healthy('member2', 2)],
        generation: 4,
        observed: 3,
      }),
      task: task(),
      now: CREATED + 20_000,
      want: { done: false, recheckAt: CREATED + TIMEOUT_MS },
    },
    {
      name: 'waits when the placement was scheduled before the task was written',
      binding: binding({
        clusters: [{ name: 'member2', replicas: 2 }],
        status: [healthy('member2', 2)],
        duplicated: true,
        scheduledAt: CREATED - 1,
      }),
      task: task(),
      now: CREATED,
      want: { done: false, recheckAt: CREATED + TIMEOUT_MS },
    },
    {
      name: 'finishes at gracefulEvictionTimeout even when nothing is healthy',
      binding: binding({ clusters: [] }),
      task: task(),
      now: CREATED + TIMEOUT_MS,
      want: { done: true, reason: 'GracePeriodExpired' },
    },
    {
      name: 'the task gracePeriodSeconds replaces the timeout',
      binding: binding({ clusters: [] }),
      task: task({ gracePeriodSeconds: 60 }),
      now: CREATED + 60_000,
      want: { done: true, reason: 'GracePeriodExpired' },
    },
    {
      name: 'suppressDeletion true keeps the old replicas past every timeout',
      binding: binding({
        clusters: [{ name: 'member2', replicas: 2 }],
        status: [healthy('member2', 2)],
      }),
      task: task({ suppressDeletion: true }),
      now: CREATED + 10 * TIMEOUT_MS,
      want: { done: false },
    },
    {
      name: 'suppressDeletion false finishes at once',
      binding: binding({ clusters: [] }),
      task: task({ suppressDeletion: false }),
      now: CREATED,
      want: { done: true, reason: 'DeletionUnsuppressed' },
    },
    {
      name: 'purge mode Never never finishes by itself',
      binding: binding({
        clusters: [{ name: 'member2', replicas: 2 }],
        status: [healthy('member2', 2)],
      }),
      task: task({ purgeMode: 'Never' }),
      now: CREATED + 10 * TIMEOUT_MS,
      want: { done: false },
    },
    {
      name: 'purge mode Directly finishes like Gracefully once the new placement is healthy',
      binding: binding({
        clusters: [{ name: 'member2', replicas: 2 }],
        status: [healthy('member2', 2)],
      }),
      task: task({ purgeMode: 'Directly' }),
      now: CREATED + 20_000,
      want: { done: true, reason: 'NewPlacementHealthy' },
    },
  ])('$name', ({ binding: b, task: t, now, want }) => {
    expect(reviewer.review(b, t, now)).toEqual(want);
  });
});
