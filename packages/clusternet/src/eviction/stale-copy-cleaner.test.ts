import { InMemoryStateStore, type Actuator, type Binding, type Cluster } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { StaleCopyCleaner, hasStaleCopy } from './stale-copy-cleaner';

function reporting(name: string, clusters: Binding['spec']['clusters'], reportedOn: string[], tasks: Binding['spec']['evictionTasks'] = []): Binding {
  const base = makeBinding(name, { replicas: 2, clusters: [...(clusters ?? [])] });
  return {
    ...base,
    spec: { ...base.spec, evictionTasks: tasks },
    status: { aggregatedStatus: reportedOn.map((c) => ({ clusterName: c, applied: true, health: 'Healthy' as const, readyReplicas: 2 })) },
  };
}

class RecordingActuator implements Actuator {
  readonly applied: string[] = [];
  async apply(binding: Binding): Promise<void> {
    this.applied.push(binding.metadata.name);
  }
  async remove(): Promise<void> {}
}

describe('hasStaleCopy', () => {
  it.each([
    { name: 'a copy reported on a cluster the binding left is stale', binding: reporting('a', [{ name: 'm2', replicas: 2 }], ['m1', 'm2']), want: true },
    { name: 'a copy on a targeted cluster is not stale', binding: reporting('a', [{ name: 'm1', replicas: 2 }], ['m1']), want: false },
    { name: 'a cluster without a report has no copy', binding: reporting('a', [{ name: 'm2', replicas: 2 }], ['m2']), want: false },
    {
      name: 'old replicas a graceful task keeps are not stale',
      binding: reporting('a', [{ name: 'm2', replicas: 2 }], ['m1', 'm2'], [{ fromCluster: 'm1', purgeMode: 'Gracefully', replicas: 2, reason: 'r', producer: 'p', creationTimestamp: 0 }]),
      want: false,
    },
  ])('$name', ({ binding, want }) => {
    expect(hasStaleCopy(binding, 'm1')).toBe(want);
  });
});

describe('StaleCopyCleaner', () => {
  it('re-applies the bindings with a stale copy when their cluster turns Ready again', async () => {
    const store = new InMemoryStateStore();
    const actuator = new RecordingActuator();
    const dark: Cluster = makeCluster('m1').ready('Unknown', 'ClusterStatusUnknown').build();
    await store.create('Cluster', dark);
    await store.create('Binding', reporting('left', [{ name: 'm2', replicas: 2 }], ['m1', 'm2']));
    await store.create('Binding', reporting('stays', [{ name: 'm1', replicas: 2 }], ['m1']));
    const cleaner = new StaleCopyCleaner(store, actuator);
    cleaner.start();
    const stored = (await store.get('Cluster', 'm1')) as Cluster;
    await store.update('Cluster', { ...stored, status: { ...stored.status, conditions: makeCluster('m1').ready('True').build().status?.conditions } });
    await new Promise((resolve) => setImmediate(resolve)); // lets the watch handler's promise settle; no time passes
    expect(actuator.applied).toEqual(['left']);
    cleaner.stop();
  });

  it('does nothing for a cluster that stays unhealthy', async () => {
    const store = new InMemoryStateStore();
    const actuator = new RecordingActuator();
    await store.create('Cluster', makeCluster('m1').ready('Unknown').build());
    await store.create('Binding', reporting('left', [{ name: 'm2', replicas: 2 }], ['m1', 'm2']));
    const cleaner = new StaleCopyCleaner(store, actuator);
    cleaner.start();
    const stored = (await store.get('Cluster', 'm1')) as Cluster;
    await store.update('Cluster', { ...stored, status: { ...stored.status, readyz: false } });
    await new Promise((resolve) => setImmediate(resolve)); // lets the watch handler's promise settle; no time passes
    expect(actuator.applied).toEqual([]);
    cleaner.stop();
  });
});
