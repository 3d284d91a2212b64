import { InMemoryStateStore } from '../store/in-memory-state-store';
import { makeBinding } from '../testing/builders';
import { aggregatedStatusFor, reportWorkloadStatus } from './workload-status-report';

describe('aggregatedStatusFor', () => {
  it('reports each member in name order: unhealthy, healthy when all replicas are ready, else unknown', () => {
    const items = aggregatedStatusFor(
      [
        { cluster: 'c', running: 2, ready: 2, unhealthy: true },
        { cluster: 'a', running: 2, ready: 2 },
        { cluster: 'b', running: 3, ready: 1 },
      ],
      undefined,
      5_000,
    );
    expect(items).toEqual([
      { clusterName: 'a', applied: true, health: 'Healthy', readyReplicas: 2, healthSince: 5_000 },
      { clusterName: 'b', applied: true, health: 'Unknown', readyReplicas: 1, healthSince: 5_000 },
      {
        clusterName: 'c',
        applied: true,
        health: 'Unhealthy',
        readyReplicas: 2,
        healthSince: 5_000,
      },
    ]);
  });

  it('keeps healthSince while the health stays the same and restarts it on a change', () => {
    const before = aggregatedStatusFor(
      [
        { cluster: 'a', running: 2, ready: 2 },
        { cluster: 'b', running: 2, ready: 2 },
      ],
      undefined,
      1_000,
    );
    const after = aggregatedStatusFor(
      [
        { cluster: 'a', running: 3, ready: 2 },
        { cluster: 'b', running: 2, ready: 2 },
      ],
      before,
      9_000,
    );
    expect(after.map((i) => [i.clusterName, i.health, i.healthSince])).toEqual([
      ['a', 'Unknown', 9_000],
      ['b', 'Healthy', 1_000],
    ]);
  });

  it('keeps what an unreachable member said last, and nothing when it never said anything', () => {
    const before = aggregatedStatusFor([{ cluster: 'a', running: 2, ready: 2 }], undefined, 1_000);
    const after = aggregatedStatusFor(
      [
        { cluster: 'a', running: 2, ready: 0, unreachable: true },
        { cluster: 'z', running: 1, ready: 0, unreachable: true },
      ],
      before,
      9_000,
    );
    expect(after).toEqual(before);
  });
});

describe('reportWorkloadStatus', () => {
  it('writes the status once and not again when nothing changed', async () => {
    const store = new InMemoryStateStore();
    await store.create('Binding', makeBinding('foo'));
    const members = () => [{ cluster: 'a', running: 1, ready: 1 }];
    await reportWorkloadStatus(store, 'default/foo', members, () => 7_000);
    const written = await store.get('Binding', 'default/foo');
    expect(written?.status?.aggregatedStatus).toEqual([
      { clusterName: 'a', applied: true, health: 'Healthy', readyReplicas: 1, healthSince: 7_000 },
    ]);
    await reportWorkloadStatus(store, 'default/foo', members, () => 8_000);
    expect((await store.get('Binding', 'default/foo'))?.metadata.resourceVersion).toBe(
      written?.metadata.resourceVersion,
    );
  });
});
