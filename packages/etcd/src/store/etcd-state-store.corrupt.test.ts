import { Informer, RealClock, type Cluster } from '@lifeboat/core';
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../client/connect-etcd';
import { CorruptObjectError } from '../errors/corrupt-object-error';
import { EtcdServer } from '../testing/etcd-server';
import { EtcdStateStore } from './etcd-state-store';

// A value written behind Lifeboat's back (etcdctl put, another program, a buggy writer) must not
// take the store's readers down: lists and watches skip it and say so, get names it.

const clock = new RealClock();
let server: EtcdServer;
let client: Etcd3;
let n = 0;

beforeAll(async () => {
  server = await EtcdServer.start();
  client = await connectEtcd(server.endpoint);
});

afterAll(async () => {
  client?.close();
  await server?.dispose();
});

const cluster = (name: string): Cluster => ({ metadata: { name }, spec: { region: 'eu' } });

async function storeWithReports(): Promise<{
  store: EtcdStateStore;
  prefix: string;
  reports: CorruptObjectError[];
}> {
  const prefix = `/corrupt-${++n}/`;
  const reports: CorruptObjectError[] = [];
  const store = await EtcdStateStore.connect({
    client,
    prefix,
    onCorruptObject: (error) => reports.push(error),
  });
  return { store, prefix, reports };
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await clock.sleep(50); // real-time: waiting for etcd's watch stream
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('EtcdStateStore with corrupt values in etcd', () => {
  it('list skips a value that is not JSON and reports it with its key', async () => {
    const { store, prefix, reports } = await storeWithReports();
    await store.create('Cluster', cluster('good'));
    await client.put(`${prefix}Cluster/garbage`).value('not json {');
    const listed = await store.list('Cluster');
    expect(listed.items.map((c) => c.metadata.name)).toEqual(['good']);
    expect(reports.map((r) => r.storageKey)).toEqual([`${prefix}Cluster/garbage`]);
    expect(reports[0]?.message).toMatch(/does not hold a valid Cluster: not JSON/);
  });

  it('get throws a CorruptObjectError that names the key and what to do', async () => {
    const { store, prefix } = await storeWithReports();
    await client.put(`${prefix}Cluster/bad`).value(JSON.stringify({ metadata: {}, spec: {} }));
    await expect(store.get('Cluster', 'bad')).rejects.toThrow(
      new CorruptObjectError(
        'Cluster',
        `${prefix}Cluster/bad`,
        'metadata.name: Invalid input: expected string, received undefined',
      ),
    );
  });

  it('a watch skips a corrupt put, keeps delivering, and sees a repair as a creation', async () => {
    const { store, prefix, reports } = await storeWithReports();
    const seen: string[] = [];
    const stop = store.watch('Cluster', (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    await client.put(`${prefix}Cluster/x`).value('not json {');
    await store.create('Cluster', cluster('after'));
    await until('the valid creation', () => seen.includes('ADDED after'));
    // Repaired by an ordinary write: watchers see it for the first time.
    await store.update('Cluster', cluster('x'));
    await until('the repair', () => seen.includes('ADDED x'));
    stop();
    expect(seen).toEqual(['ADDED after', 'ADDED x']);
    // Reported by the watch, and again by the update that read it before overwriting it.
    expect(reports.map((r) => r.storageKey)).toEqual([`${prefix}Cluster/x`, `${prefix}Cluster/x`]);
    const repaired = await store.get('Cluster', 'x');
    expect(repaired?.metadata.generation).toBe(1);
  });

  it('an informer starts and stays current beside a corrupt key (the poison pill of issue 16)', async () => {
    const { store, prefix, reports } = await storeWithReports();
    await client.put(`${prefix}Cluster/garbage`).value('not json {');
    await store.create('Cluster', cluster('a'));
    const informer = new Informer(store, 'Cluster', { clock });
    await informer.start();
    await client.put(`${prefix}Cluster/a`).value('{"metadata": 1}');
    await store.create('Cluster', cluster('b'));
    await until('b in the cache', () => informer.get('b') !== undefined);
    informer.stop();
    // The corrupted `a` keeps its last valid version in the cache.
    expect(informer.list().map((c) => c.metadata.name)).toEqual(['a', 'b']);
    expect(reports.map((r) => r.storageKey)).toEqual([
      `${prefix}Cluster/garbage`,
      `${prefix}Cluster/a`,
    ]);
  });
});
