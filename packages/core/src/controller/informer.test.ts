import { makeCluster } from '@lifeboat/core/testing';
import { VirtualClock } from '../clock/virtual-clock';
import type {
  Kind,
  ListResult,
  StateStore,
  StoredKinds,
  Unsubscribe,
  WatchEvent,
  WatchOptions,
} from '../contracts/state-store';
import type { Cluster } from '../model/cluster';
import { InMemoryStateStore } from '../store/in-memory-state-store';
import { Informer } from './informer';

/** Lets queued watch deliveries run (the virtual clock drains microtasks without moving time). */
const settle = () => new VirtualClock().advance(0);

/** A store across a flaky network: its watches can be cut, and lists can fail for a while. */
class FlakyStore implements StateStore {
  readonly inner = new InMemoryStateStore();
  failLists = 0;
  lists: number[] = [];
  private readonly cuts: (() => void)[] = [];

  constructor(private readonly clock: VirtualClock) {}

  get<K extends Kind>(kind: K, key: string) {
    return this.inner.get(kind, key);
  }
  async list<K extends Kind>(kind: K): Promise<ListResult<StoredKinds[K]>> {
    this.lists.push(this.clock.now());
    if (this.failLists > 0) {
      this.failLists--;
      throw new Error('connection refused');
    }
    return this.inner.list(kind);
  }
  create<K extends Kind>(kind: K, object: StoredKinds[K]) {
    return this.inner.create(kind, object);
  }
  update<K extends Kind>(kind: K, object: StoredKinds[K]) {
    return this.inner.update(kind, object);
  }
  delete<K extends Kind>(kind: K, key: string, resourceVersion?: string) {
    return this.inner.delete(kind, key, resourceVersion);
  }
  watch<K extends Kind>(
    kind: K,
    handler: (event: WatchEvent<StoredKinds[K]>) => void,
    options: WatchOptions = {},
  ): Unsubscribe {
    let open = true;
    const unsubscribe = this.inner.watch(
      kind,
      (event) => open && handler(event),
      options.resourceVersion === undefined ? {} : { resourceVersion: options.resourceVersion },
    );
    this.cuts.push(() => {
      if (!open) return;
      open = false;
      unsubscribe();
      options.onError?.(new Error('watch stream closed'));
    });
    return () => {
      open = false;
      unsubscribe();
    };
  }

  /** Ends every open watch with an error, as a dropped connection would. */
  cutWatches(): void {
    for (const cut of this.cuts.splice(0)) cut();
  }
}

function recordingInformer(store: StateStore, clock?: VirtualClock) {
  const informer = new Informer(store, 'Cluster', clock ? { clock } : {});
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
    expect(
      informer
        .list()
        .map((c) => c.metadata.name)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
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
    expect(
      informer
        .list()
        .map((c) => c.metadata.name)
        .sort(),
    ).toEqual(['b', 'c', 'same']);
    informer.stop();
  });

  describe('when the watch ends by itself', () => {
    it('lists again, reports what changed meanwhile, and follows the new watch', async () => {
      const clock = new VirtualClock();
      const store = new FlakyStore(clock);
      const a = await store.create('Cluster', makeCluster('a').build());
      await store.create('Cluster', makeCluster('b').build());
      const { informer, calls } = recordingInformer(store, clock);
      await informer.start();
      store.cutWatches();
      // Changes while no watch is open are caught by the relist.
      await store.update('Cluster', { ...a, spec: { region: 'eu' } });
      await store.delete('Cluster', 'b');
      await clock.advance(0);
      expect(calls).toEqual(['add a@1', 'add b@2', 'update a@3 (was a@1)', 'delete b@2']);
      await store.create('Cluster', makeCluster('c').build());
      await clock.advance(0);
      expect(calls.slice(4)).toEqual(['add c@5']);
      informer.stop();
    });

    it('retries a failing list with growing delays on the clock, then catches up', async () => {
      const clock = new VirtualClock();
      const store = new FlakyStore(clock);
      const { informer, calls } = recordingInformer(store, clock);
      await informer.start();
      store.failLists = 4;
      store.cutWatches();
      await store.create('Cluster', makeCluster('a').build());
      await clock.advance(60_000);
      // The first list at start, then failures at 0 and after 1 s, 2 s, 4 s; success after 8 s more.
      expect(store.lists).toEqual([0, 0, 1_000, 3_000, 7_000, 15_000]);
      expect(calls).toEqual(['add a@1']);
      expect(informer.get('a')?.metadata.resourceVersion).toBe('1');
      // The backoff starts over after a success.
      store.failLists = 1;
      store.cutWatches();
      await clock.advance(60_000);
      expect(store.lists.slice(6)).toEqual([60_000, 61_000]);
      informer.stop();
    });

    it('stops retrying once stopped', async () => {
      const clock = new VirtualClock();
      const store = new FlakyStore(clock);
      const { informer } = recordingInformer(store, clock);
      await informer.start();
      store.failLists = 100;
      store.cutWatches();
      await clock.advance(2_000);
      const before = store.lists.length;
      informer.stop();
      await clock.advance(600_000);
      expect(store.lists.length).toBe(before);
      expect(clock.pendingTimers()).toBe(0);
    });
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
