import { InMemoryStateStore, VirtualClock, type Binding } from '@lifeboat/core';
import { makeBinding } from '@lifeboat/core/testing';
import { VirtualFleet } from '../fleet/virtual-fleet';
import { ReportBuilder } from './report-builder';

const META = { scenario: 'test', flavor: 'karmada', seed: 1, duration: 60 };

async function setup() {
  const clock = new VirtualClock(0);
  const store = new InMemoryStateStore();
  const builder = new ReportBuilder(clock, new VirtualFleet(store, clock, new Map()), 0);
  builder.attach(store);
  const created = await store.create('Binding', makeBinding('web', { replicas: 2 }));
  return { clock, store, builder, created };
}

/** Writes a placement as core's SchedulingController does: observed generation and time set. */
async function schedule(
  store: InMemoryStateStore,
  binding: Binding,
  now: number,
  clusters: string[],
) {
  const changed =
    JSON.stringify(binding.spec.clusters ?? []) !==
    JSON.stringify(clusters.map((name) => ({ name, replicas: 2 })));
  return store.update('Binding', {
    ...binding,
    spec: { ...binding.spec, clusters: clusters.map((name) => ({ name, replicas: 2 })) },
    status: {
      ...binding.status,
      schedulerObservedGeneration: (binding.metadata.generation ?? 1) + (changed ? 1 : 0),
      lastScheduledTime: now,
    },
  });
}

/** Moves a cluster into an eviction task as the eviction controller does (status untouched). */
async function evict(store: InMemoryStateStore, binding: Binding, now: number, from: string) {
  return store.update('Binding', {
    ...binding,
    spec: {
      ...binding.spec,
      clusters: (binding.spec.clusters ?? []).filter((c) => c.name !== from),
      evictionTasks: [
        {
          fromCluster: from,
          purgeMode: 'Gracefully',
          reason: 'TaintUntolerated',
          producer: 'TaintManager',
          creationTimestamp: now,
        },
      ],
    },
  });
}

const scheduled = (report: { timeline: readonly { t: number; type: string }[] }) =>
  report.timeline.filter((e) => e.type === 'Scheduled');

describe('ReportBuilder', () => {
  it('records the second placement the scheduler writes within one instant', async () => {
    const { clock, store, builder, created } = await setup();
    let binding = await schedule(store, created, 0, ['m1']);
    await clock.advance(30_000);
    // A Duplicated binding is re-placed as its cluster turns NotReady (same placement), evicted,
    // and placed again, all at t = 30 s.
    binding = await schedule(store, binding, 30_000, ['m1']);
    binding = await evict(store, binding, 30_000, 'm1');
    await schedule(store, binding, 30_000, ['m2']);
    const report = await builder.finish(store, META);
    expect(scheduled(report)).toEqual([
      { t: 0, type: 'Scheduled', workload: 'default/web', placement: { m1: 2 } },
      { t: 30, type: 'Scheduled', workload: 'default/web', placement: { m2: 2 } },
    ]);
  });

  it("does not take the eviction controller's edit of spec.clusters for a placement", async () => {
    const { clock, store, builder, created } = await setup();
    const binding = await schedule(store, created, 0, ['m1']);
    await clock.advance(30_000);
    await evict(store, binding, 30_000, 'm1');
    const report = await builder.finish(store, META);
    expect(scheduled(report)).toEqual([
      { t: 0, type: 'Scheduled', workload: 'default/web', placement: { m1: 2 } },
    ]);
  });
});
