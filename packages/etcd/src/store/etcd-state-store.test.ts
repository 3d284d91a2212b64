import {
  ConflictError,
  ExpiredError,
  Informer,
  RealClock,
  type Cluster,
  type Kind,
  type ListResult,
  type StateStore,
  type StoredKinds,
  type Unsubscribe,
  type WatchEvent,
  type WatchOptions,
} from '@lifeboat/core';
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../client/connect-etcd';
import { EtcdUnavailableError } from '../errors/etcd-unavailable-error';
import { FenceLostError } from '../errors/fence-lost-error';
import { EtcdServer } from '../testing/etcd-server';
import { WatchRecorder } from '@lifeboat/core/testing';
import { EtcdStateStore } from './etcd-state-store';

const clock = new RealClock();

let server: EtcdServer;
let client: Etcd3;
let prefixNumber = 0;
let prefix: string;

beforeAll(async () => {
  server = await EtcdServer.start();
  client = await connectEtcd(server.endpoint);
});

beforeEach(() => {
  prefix = `/store-${++prefixNumber}/`;
});

afterAll(async () => {
  client?.close();
  await server?.dispose();
});

const cluster = (name: string, region = 'eu'): Cluster => ({
  metadata: { name },
  spec: { region },
});

async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = clock.now() + timeoutMs;
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (clock.now() > deadline || i > 200) throw error;
      await clock.sleep(100);
    }
  }
}

/** Delegates to a store, compacting its history right after the first list (a compaction racing a relist). */
class CompactsAfterFirstList implements StateStore {
  lists = 0;

  constructor(private readonly inner: EtcdStateStore) {}

  get<K extends Kind>(kind: K, key: string): Promise<StoredKinds[K] | undefined> {
    return this.inner.get(kind, key);
  }

  create<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]> {
    return this.inner.create(kind, object);
  }

  update<K extends Kind>(kind: K, object: StoredKinds[K]): Promise<StoredKinds[K]> {
    return this.inner.update(kind, object);
  }

  delete<K extends Kind>(kind: K, key: string, resourceVersion?: string): Promise<void> {
    return this.inner.delete(kind, key, resourceVersion);
  }

  async list<K extends Kind>(kind: K): Promise<ListResult<StoredKinds[K]>> {
    const result = await this.inner.list(kind);
    if (++this.lists === 1) {
      await this.inner.create('Cluster', cluster('created-after-list'));
      await this.inner.delete('Cluster', 'a');
      await this.inner.compact();
    }
    return result;
  }

  watch<K extends Kind>(
    kind: K,
    handler: (event: WatchEvent<StoredKinds[K]>) => void,
    options?: WatchOptions,
  ): Unsubscribe {
    return this.inner.watch(kind, handler, options);
  }
}

describe('EtcdStateStore on etcd', () => {
  it('keeps key layout readable: one key per object under <prefix><Kind>/<namespace/name>', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    await store.create('Cluster', cluster('member1'));
    await store.create('Lease', {
      metadata: { name: 'member1', namespace: 'karmada-cluster' },
      spec: { leaseDurationSeconds: 40 },
    });
    expect(await client.getAll().prefix(prefix).keys()).toEqual([
      `${prefix}Cluster/member1`,
      `${prefix}Lease/karmada-cluster/member1`,
    ]);
    const stored = JSON.parse((await client.get(`${prefix}Cluster/member1`).string()) as string);
    expect(stored.metadata.resourceVersion).toBeUndefined();
  });

  it('serializes concurrent unversioned updates: none is lost and generation counts every spec change', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    await store.create('Cluster', cluster('member1'));
    const writers = Array.from({ length: 8 }, (_, i) =>
      store.update('Cluster', {
        metadata: { name: 'member1', labels: { [`w${i}`]: 'x' } },
        spec: { region: `r${i}` },
      }),
    );
    await Promise.all(writers);
    expect((await store.get('Cluster', 'member1'))?.metadata.generation).toBe(9);
  });

  it('a watch resuming from a version another process compacted ends with ExpiredError through onError', async () => {
    const writer = await EtcdStateStore.connect({ client, prefix });
    const a1 = await writer.create('Cluster', cluster('a'));
    await writer.update('Cluster', { ...a1, spec: { region: 'us' } });
    await writer.create('Cluster', cluster('b'));
    const reader = await EtcdStateStore.connect({ client, prefix });
    await writer.compact();

    const errors: Error[] = [];
    const events: WatchEvent<Cluster>[] = [];
    reader.watch('Cluster', (e) => events.push(e), {
      resourceVersion: a1.metadata.resourceVersion,
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 100 && errors.length === 0; i++) await clock.sleep(20);
    expect(errors).toEqual([new ExpiredError('Cluster', a1.metadata.resourceVersion as string)]);
    expect(events).toEqual([]);
    // Having learned of the compaction, the reader now refuses such a watch at once.
    expect(() =>
      reader.watch('Cluster', () => undefined, { resourceVersion: a1.metadata.resourceVersion }),
    ).toThrow(ExpiredError);
  });

  it('without onError, an asynchronous watch failure goes to the store’s onWatchError', async () => {
    const writer = await EtcdStateStore.connect({ client, prefix });
    const a1 = await writer.create('Cluster', cluster('a'));
    await writer.update('Cluster', { ...a1, spec: { region: 'us' } });
    await writer.update('Cluster', { ...a1, metadata: { name: 'a' }, spec: { region: 'ap' } });
    const failures: [Kind, Error][] = [];
    const reader = await EtcdStateStore.connect({
      client,
      prefix,
      onWatchError: (kind, error) => failures.push([kind, error]),
    });
    await writer.compact();
    reader.watch('Cluster', () => undefined, { resourceVersion: a1.metadata.resourceVersion });
    for (let i = 0; i < 100 && failures.length === 0; i++) await clock.sleep(20);
    expect(failures).toEqual([
      ['Cluster', new ExpiredError('Cluster', a1.metadata.resourceVersion as string)],
    ]);
  });

  it('core’s Informer relists when its watch start was compacted away, and ends with the current state', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    await store.create('Cluster', cluster('a'));
    await store.create('Cluster', cluster('b'));
    const racing = new CompactsAfterFirstList(store);
    const informer = new Informer(racing, 'Cluster');
    const seen: string[] = [];
    informer.addHandler({
      onAdd: (c) => seen.push(`add ${c.metadata.name}`),
      onDelete: (c) => seen.push(`delete ${c.metadata.name}`),
    });
    await informer.start();
    expect(racing.lists).toBe(2);
    expect(
      informer
        .list()
        .map((c) => c.metadata.name)
        .sort(),
    ).toEqual(['b', 'created-after-list']);
    expect(seen).toEqual(['add a', 'add b', 'add created-after-list', 'delete a']);
    await store.create('Cluster', cluster('c'));
    for (let i = 0; i < 100 && !informer.get('c'); i++) await clock.sleep(20);
    informer.stop();
    expect(informer.get('c')?.spec.region).toBe('eu');
  });

  it('a versioned update of an object it has decoded costs one transaction and no read', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    const created = await store.create('Cluster', cluster('a'));
    const range = jest.spyOn(client.kv, 'range');
    try {
      const updated = await store.update('Cluster', {
        ...created,
        spec: { region: 'us' },
      });
      expect(range).not.toHaveBeenCalled();
      expect(updated.metadata).toMatchObject({
        uid: created.metadata.uid,
        generation: 2,
      });
      const again = await store.update('Cluster', { ...updated, metadata: updated.metadata });
      expect(range).not.toHaveBeenCalled();
      expect(again.metadata.generation).toBe(2);
      expect(await store.get('Cluster', 'a')).toEqual(again);
    } finally {
      range.mockRestore();
    }
  });

  it('a versioned update skipping the read still fails with ConflictError when another client wrote since', async () => {
    const mine = await EtcdStateStore.connect({ client, prefix });
    const other = await connectEtcd(server.endpoint);
    try {
      const theirs = await EtcdStateStore.connect({ client: other, prefix });
      const created = await mine.create('Cluster', cluster('a'));
      const moved = await theirs.update('Cluster', { ...created, spec: { region: 'us' } });
      await expect(
        mine.update('Cluster', { ...created, spec: { region: 'ap' } }),
      ).rejects.toBeInstanceOf(ConflictError);
      const after = await mine.get('Cluster', 'a');
      expect(after).toEqual(moved);
      const mineNow = await mine.update('Cluster', { ...after!, spec: { region: 'ap' } });
      expect(mineNow.metadata).toMatchObject({ uid: created.metadata.uid, generation: 3 });
      await theirs.delete('Cluster', 'a');
      await mine.create('Cluster', cluster('a'));
      await expect(mine.update('Cluster', mineNow)).rejects.toBeInstanceOf(ConflictError);
    } finally {
      other.close();
    }
  });

  it('a fenced store refuses writes when the fence key is not held at the fence’s revision', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    const fence = { key: `${prefix}election/nobody`, createRevision: '1' };
    await expect(store.withFence(fence).create('Cluster', cluster('a'))).rejects.toEqual(
      new FenceLostError(fence.key, 'Cluster', 'a'),
    );
    expect(await store.get('Cluster', 'a')).toBeUndefined();
  });

  it('connectEtcd fails fast with a message naming the endpoint when nothing answers', async () => {
    const started = clock.now();
    const failure = connectEtcd('http://127.0.0.1:1', { timeoutMs: 1_000 });
    await expect(failure).rejects.toBeInstanceOf(EtcdUnavailableError);
    await expect(failure).rejects.toThrow(
      /^cannot reach etcd at http:\/\/127\.0\.0\.1:1: .+; check that etcd is running and the URL is right$/,
    );
    expect(clock.now() - started).toBeLessThan(3_000);
  });

  it('survives an etcd restart on the same data directory: data intact, writes work, a running watch resumes without gaps', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    const a1 = await store.create('Cluster', cluster('a'));
    await store.create('Cluster', cluster('b'));
    const recorder = new WatchRecorder(store, 'Cluster', {
      resourceVersion: a1.metadata.resourceVersion,
    });
    await recorder.waitFor(1);

    await server.stop();
    await server.resume();

    const after = await eventually(() => store.list('Cluster'), 15_000);
    expect(after.items.map((c) => c.metadata.name)).toEqual(['a', 'b']);
    expect(after.items[0]).toEqual(a1);
    await eventually(() => store.create('Cluster', cluster('c')), 15_000);
    await store.delete('Cluster', 'a', a1.metadata.resourceVersion);
    const events = await recorder.waitFor(3, 15_000);
    recorder.unsubscribe();
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED b',
      'ADDED c',
      'DELETED a',
    ]);
  }, 60_000);
});
