import { makeCluster } from '@lifeboat/core/testing';
import { VirtualClock } from '../clock/virtual-clock';
import type { Cluster } from '../model/cluster';
import { InMemoryStateStore } from '../store/in-memory-state-store';
import { Informer } from './informer';

/** Lets queued watch deliveries run (the virtual clock drains microtasks without moving time). */
const settle = () => new VirtualClock().advance(0);

function recordingInformer(store: InMemoryStateStore) {
  const informer = new Informer(store, 'Cluster');
  const calls: string[] = [];
  const at = (c: Cluster) => `${c.metadata.name}@${c.metadata.resourceVersion}`;
  informer.addHandler({
    onAdd: (c) => calls.push(`add ${at(c)}`),
    onUpdate: (c, prev) => calls.push(`update ${at(c)} (was ${at(prev)})`),
    onDelete: (c) => calls.push(`delete ${at(c)}`),
  });
  return { informer, calls };
}

describe('Informer', () => {
  it('lists the existing objects into its cache, calling onAdd for each in key order', async () => {
    const store = new InMemoryStateStore();
    for (const name of ['b', 'a']) await store.create('Cluster', makeCluster(name).build());
    const { informer, calls } = recordingInformer(store);
    await informer.start();
    expect(calls).toEqual(['add a@2', 'add b@1']);
    expect(informer.size).toBe(2);
    expect(informer.get('a')?.metadata.resourceVersion).toBe('2');
    expect(informer.list().map((c) => c.metadata.name)).toEqual(['a', 'b']);
    informer.stop();
  });

  it('then follows the watch: adds, updates with the previous object, deletes', async () => {
    const store = new InMemoryStateStore();
    const a = await store.create('Cluster', makeCluster('a').build());
    const { informer, calls } = recordingInformer(store);
    await informer.start();
    await store.update('Cluster', { ...a, spec: { region: 'eu' } });
    await store.create('Cluster', makeCluster('b').build());
    await store.delete('Cluster', 'a');
    await settle();
    expect(calls).toEqual(['add a@1', 'update a@2 (was a@1)', 'add b@3', 'delete a@2']);
    expect(informer.get('a')).toBeUndefined();
    expect(informer.get('b')?.metadata.resourceVersion).toBe('3');
    informer.stop();
  });

  it('misses no change made between its list and its watch', async () => {
    const store = new InMemoryStateStore();
    await store.create('Cluster', makeCluster('a').build());
    const { informer, calls } = recordingInformer(store);
    const started = informer.start();
    // The list has been read; these writes land before the watch is opened.
    await store.create('Cluster', makeCluster('b').build());
    await started;
    await settle();
    expect(calls).toEqual(['add a@1', 'add b@2']);
  });

  it('relists when the watch has expired, and sees every object once', async () => {
    const store = new InMemoryStateStore({ historyLimit: 1 });
    await store.create('Cluster', makeCluster('a').build());
    const { informer, calls } = recordingInformer(store);
    const started = informer.start();
    // Two writes between the list and the watch push the list's version out of the history.
    void store.create('Cluster', makeCluster('b').build());
    void store.create('Cluster', makeCluster('c').build());
    await started;
    await settle();
    expect(calls).toEqual(['add a@1', 'add b@2', 'add c@3']);
    expect(informer.list().map((c) => c.metadata.name).sort()).toEqual(['a', 'b', 'c']);
    // And it follows the watch afterwards.
    await store.create('Cluster', makeCluster('d').build());
    await settle();
    expect(calls).toEqual(['add a@1', 'add b@2', 'add c@3', 'add d@4']);
    informer.stop();
  });

  it('a restart reports what changed while it was stopped as add, update and delete', async () => {
    const store = new InMemoryStateStore();
    await store.create('Cluster', makeCluster('a').build());
    const b = await store.create('Cluster', makeCluster('b').build());
    await store.create('Cluster', makeCluster('same').build());
    const { informer, calls } = recordingInformer(store);
    await informer.start();
    informer.stop();
    await store.delete('Cluster', 'a');
    await store.update('Cluster', { ...b, spec: { region: 'eu' } });
    await store.create('Cluster', makeCluster('c').build());
    await settle();
    expect(calls).toEqual(['add a@1', 'add b@2', 'add same@3']);

    await informer.start();
    await settle();
    expect(calls.slice(3)).toEqual(['update b@5 (was b@2)', 'add c@6', 'delete a@1']);
    expect(informer.list().map((c) => c.metadata.name).sort()).toEqual(['b', 'c', 'same']);
    informer.stop();
  });

  it('stop ends delivery to the handlers', async () => {
    const store = new InMemoryStateStore();
    const { informer, calls } = recordingInformer(store);
    await informer.start();
    await store.create('Cluster', makeCluster('a').build());
    await settle();
    informer.stop();
    await store.create('Cluster', makeCluster('b').build());
    await settle();
    expect(calls).toEqual(['add a@1']);
    expect(informer.get('b')).toBeUndefined();
  });

  it('calls every handler, in the order added', async () => {
    const store = new InMemoryStateStore();
    const informer = new Informer(store, 'Cluster');
    const calls: string[] = [];
    informer.addHandler({ onAdd: (c) => calls.push(`first ${c.metadata.name}`) });
    informer.addHandler({ onAdd: (c) => calls.push(`second ${c.metadata.name}`) });
    await informer.start();
    await store.create('Cluster', makeCluster('a').build());
    await settle();
    expect(calls).toEqual(['first a', 'second a']);
    informer.stop();
  });
});
