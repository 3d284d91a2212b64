import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  type Cluster,
  type WatchEvent,
} from '@lifeboat/core';
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../client/connect-etcd';
import { FenceLostError } from '../errors/fence-lost-error';
import { EtcdServer } from '../testing/etcd-server';
import { EtcdStateStore } from './etcd-state-store';

// Writes issued in one turn of the event loop share a transaction; these tests issue them so
// and check that each still gets the result it would have had alone.

let server: EtcdServer;
let client: Etcd3;
let prefixNumber = 0;
let prefix: string;

beforeAll(async () => {
  server = await EtcdServer.start();
  client = await connectEtcd(server.endpoint);
});

beforeEach(() => {
  prefix = `/batch-${++prefixNumber}/`;
});

afterAll(async () => {
  client?.close();
  await server?.dispose();
});

const cluster = (name: string, region = 'eu'): Cluster => ({
  metadata: { name },
  spec: { region },
});

const names = (n: number) => Array.from({ length: n }, (_, i) => `c${String(i).padStart(3, '0')}`);

/** Settles every promise; the outcome of each, in order. */
async function outcomes<T>(writes: readonly Promise<T>[]): Promise<(T | Error)[]> {
  const settled = await Promise.allSettled(writes);
  return settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error)));
}

/** The clusters etcd holds under the test's prefix, by name. */
async function storedNames(): Promise<string[]> {
  const kinds = `${prefix}Cluster/`;
  return (await client.getAll().prefix(kinds).keys()).map((k) => k.slice(kinds.length)).sort();
}

describe('EtcdStateStore batched writes', () => {
  it('commits writes issued together in one transaction, each with its own object', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    const created = await Promise.all(names(50).map((n) => store.create('Cluster', cluster(n))));
    expect(created.map((c) => c.metadata.name)).toEqual(names(50));
    expect(new Set(created.map((c) => c.metadata.uid)).size).toBe(50);
    // One transaction: one revision, which is every object's resourceVersion.
    expect(new Set(created.map((c) => c.metadata.resourceVersion)).size).toBe(1);
    const listed = await store.list('Cluster');
    expect(listed.items.map((c) => c.metadata.resourceVersion)).toEqual(
      created.map((c) => c.metadata.resourceVersion),
    );
  });

  it('splits writes over transactions of at most maxWritesPerTxn', async () => {
    const store = await EtcdStateStore.connect({ client, prefix, maxWritesPerTxn: 7 });
    const created = await Promise.all(names(30).map((n) => store.create('Cluster', cluster(n))));
    const revisions = new Set(created.map((c) => c.metadata.resourceVersion));
    expect(revisions.size).toBe(Math.ceil(30 / 7));
    expect(await storedNames()).toEqual(names(30));
  });

  it('takes more writes than etcd accepts in one transaction (128 operations)', async () => {
    const store = await EtcdStateStore.connect({
      client,
      prefix,
      fence: await termOf('many'),
    });
    const created = await Promise.all(names(300).map((n) => store.create('Cluster', cluster(n))));
    expect(created).toHaveLength(300);
    expect(new Set(created.map((c) => c.metadata.resourceVersion)).size).toBeGreaterThanOrEqual(3);
  });

  it('fails only the writes whose own comparison fails; the others commit', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    const before = await Promise.all(names(6).map((n) => store.create('Cluster', cluster(n))));
    const [c0, c1, c2, c3, c4] = before as [Cluster, Cluster, Cluster, Cluster, Cluster];
    // Another client moves c001 on: this store still knows it at the version it wrote.
    const other = await EtcdStateStore.connect({ client, prefix });
    await other.update('Cluster', { ...c1, spec: { region: 'moved' } });
    const results = await outcomes<unknown>([
      store.update('Cluster', { ...c0, spec: { region: 'us' } }),
      store.update('Cluster', { ...c1, spec: { region: 'us' } }),
      store.create('Cluster', cluster('c002')),
      store.delete('Cluster', 'missing'),
      store.delete('Cluster', 'c003', c3.metadata.resourceVersion),
      store.create('Cluster', cluster('new')),
      store.update('Cluster', { ...c4, spec: { region: 'us' } }),
      store.delete('Cluster', 'c005', '2'),
    ]);
    expect(results[0]).toMatchObject({ spec: { region: 'us' }, metadata: { generation: 2 } });
    expect(results[1]).toBeInstanceOf(ConflictError);
    expect(results[2]).toBeInstanceOf(AlreadyExistsError);
    expect(results[3]).toBeInstanceOf(NotFoundError);
    expect(results[4]).toBeUndefined();
    expect(results[5]).toMatchObject({ metadata: { name: 'new', generation: 1 } });
    expect(results[6]).toMatchObject({ spec: { region: 'us' } });
    expect(results[7]).toBeInstanceOf(ConflictError);
    expect((await store.get('Cluster', 'c001'))?.spec.region).toBe('moved');
    expect((await store.get('Cluster', 'c002'))?.metadata.uid).toBe(c2.metadata.uid);
    expect(await storedNames()).toEqual(['c000', 'c001', 'c002', 'c004', 'c005', 'new']);
  });

  it('keeps an unversioned update correct when a batch-mate moved its key first', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    const created = await store.create('Cluster', cluster('a'));
    const unversioned = { ...created, metadata: { name: 'a' } };
    const results = await Promise.all([
      store.update('Cluster', { ...created, spec: { region: 'us' } }),
      store.update('Cluster', { ...unversioned, spec: { region: 'ap' } }),
    ]);
    expect(results.map((c) => c.spec.region)).toEqual(['us', 'ap']);
    expect(results[1]?.metadata).toMatchObject({ uid: created.metadata.uid, generation: 3 });
  });

  it('commits nothing of a deposed leader’s batch: every write fails with FenceLostError', async () => {
    const old = await termOf('deposed');
    await client.delete().key(old.key);
    const current = await termOf('deposed');
    expect(current.createRevision).not.toBe(old.createRevision);
    const store = await EtcdStateStore.connect({ client, prefix });
    await store.create('Cluster', cluster('existing'));
    const deposed = store.withFence(old);
    const existing = (await store.get('Cluster', 'existing')) as Cluster;
    const results = await outcomes<unknown>([
      ...names(20).map((n) => deposed.create('Cluster', cluster(n))),
      deposed.update('Cluster', { ...existing, spec: { region: 'us' } }),
      deposed.delete('Cluster', 'existing'),
    ]);
    expect(results.every((r) => r instanceof FenceLostError)).toBe(true);
    expect(await storedNames()).toEqual(['existing']);
    expect((await store.get('Cluster', 'existing'))?.spec.region).toBe('eu');
  });

  it('does not let a lost fence fail the unfenced or rightly fenced writes issued with it', async () => {
    const old = await termOf('mixed');
    await client.delete().key(old.key);
    const current = await termOf('mixed');
    const store = await EtcdStateStore.connect({ client, prefix });
    const results = await outcomes<unknown>([
      store.withFence(old).create('Cluster', cluster('deposed')),
      store.create('Cluster', cluster('member')),
      store.withFence(current).create('Cluster', cluster('leader')),
      store.withFence(old).create('Cluster', cluster('deposed-2')),
    ]);
    expect(results[0]).toBeInstanceOf(FenceLostError);
    expect(results[1]).toMatchObject({ metadata: { name: 'member' } });
    expect(results[2]).toMatchObject({ metadata: { name: 'leader' } });
    expect(results[3]).toBeInstanceOf(FenceLostError);
    expect(await storedNames()).toEqual(['leader', 'member']);
  });

  it('keeps the order of writes to one key issued together', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    const created = await store.create('Cluster', cluster('a'));
    const events: WatchEvent<Cluster>[] = [];
    const stop = store.watch('Cluster', (e) => events.push(e));
    const rv = created.metadata.resourceVersion;
    const results = await outcomes<unknown>([
      // Both compare the same version: only the first issued may win.
      store.update('Cluster', { ...created, spec: { region: 'first' } }),
      store.update('Cluster', { ...created, spec: { region: 'second' } }),
      // Deleted, then created again, then deleted once more at what the create wrote.
      store.delete('Cluster', 'a'),
      store.create('Cluster', cluster('a', 'again')),
      store.create('Cluster', cluster('b')),
    ]);
    expect(results[0]).toMatchObject({ spec: { region: 'first' } });
    expect(results[1]).toBeInstanceOf(ConflictError);
    expect(results[2]).toBeUndefined();
    expect(results[3]).toMatchObject({ spec: { region: 'again' } });
    expect((results[0] as Cluster).metadata.resourceVersion).not.toBe(rv);
    const again = results[3] as Cluster;
    await store.delete('Cluster', 'a', again.metadata.resourceVersion);
    await store.create('Cluster', cluster('end'));
    while (!events.some((e) => e.object.metadata.name === 'end')) await client.get('sync');
    stop();
    expect(
      events
        .filter((e) => e.object.metadata.name === 'a')
        .map((e) => `${e.type} ${e.object.spec?.region ?? ''}`),
    ).toEqual(['MODIFIED first', 'DELETED first', 'ADDED again', 'DELETED again']);
  });

  it('sends a batch etcd refuses as too large again, one write per transaction', async () => {
    const store = await EtcdStateStore.connect({
      client,
      prefix,
      maxBytesPerTxn: 64 * 1024 * 1024,
    });
    // Three of these fit etcd's 1.5 MiB request limit one by one, not together.
    const large = (name: string): Cluster => ({
      metadata: { name, annotations: { filler: 'x'.repeat(600 * 1024) } },
      spec: { region: 'eu' },
    });
    const created = await Promise.all(
      ['l1', 'l2', 'l3'].map((n) => store.create('Cluster', large(n))),
    );
    expect(new Set(created.map((c) => c.metadata.resourceVersion)).size).toBe(3);
    expect(await storedNames()).toEqual(['l1', 'l2', 'l3']);
  });

  it('answers reads asked for together each with its own key, missing and repeated keys too', async () => {
    const store = await EtcdStateStore.connect({ client, prefix });
    const created = await Promise.all(names(200).map((n) => store.create('Cluster', cluster(n))));
    const keys = [...names(200), 'missing', 'c007', 'c007'];
    const read = await Promise.all(keys.map((k) => store.get('Cluster', k)));
    expect(read.map((c) => c?.metadata.name)).toEqual([...names(200), undefined, 'c007', 'c007']);
    expect(read[5]?.metadata.resourceVersion).toBe(created[5]?.metadata.resourceVersion);
    // A read asked for after a write completed sees it, even alongside other reads.
    const moved = await store.update('Cluster', {
      ...(created[3] as Cluster),
      spec: { region: 'us' },
    });
    const [again] = await Promise.all([store.get('Cluster', 'c003'), store.get('Cluster', 'c004')]);
    expect(again?.metadata.resourceVersion).toBe(moved.metadata.resourceVersion);
  });

  it('sends every write on its own with maxWritesPerTxn 1', async () => {
    const store = await EtcdStateStore.connect({ client, prefix, maxWritesPerTxn: 1 });
    const created = await Promise.all(names(5).map((n) => store.create('Cluster', cluster(n))));
    expect(new Set(created.map((c) => c.metadata.resourceVersion)).size).toBe(5);
  });

  it('refuses limits below 1', async () => {
    await expect(EtcdStateStore.connect({ client, prefix, maxWritesPerTxn: 0 })).rejects.toThrow(
      RangeError,
    );
    await expect(EtcdStateStore.connect({ client, prefix, maxTxnsInFlight: 1.5 })).rejects.toThrow(
      RangeError,
    );
  });
});

/** A leadership term: the election key created now, and its create revision as the fence. */
async function termOf(name: string): Promise<{ key: string; createRevision: string }> {
  const key = `${prefix}election/${name}`;
  await client.put(key).value('holder');
  const kv = (await client.get(key).exec()).kvs[0];
  return { key, createRevision: kv?.create_revision ?? '' };
}
