import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { VirtualClock } from '../clock/virtual-clock';
import type { Kind, StoredKinds, WatchEvent } from '../contracts/state-store';
import { AlreadyExistsError } from '../errors/already-exists-error';
import { ConflictError } from '../errors/conflict-error';
import { ExpiredError } from '../errors/expired-error';
import { NotFoundError } from '../errors/not-found-error';
import type { Cluster } from '../model/cluster';
import { InMemoryStateStore } from './in-memory-state-store';

/** Lets queued watch deliveries run (the virtual clock drains microtasks without moving time). */
const settle = () => new VirtualClock().advance(0);

/** `TYPE name@rv (previous rv)` for compact, whole comparisons of watch streams. */
function describeEvent(event: WatchEvent<StoredKinds[Kind]>): string {
  const o = event.object.metadata;
  const prev = event.previous ? ` (was ${event.previous.metadata.resourceVersion})` : '';
  return `${event.type} ${o.name}@${o.resourceVersion}${prev}`;
}

function recordWatch<K extends Kind>(store: InMemoryStateStore, kind: K, resourceVersion?: string) {
  const seen: string[] = [];
  const events: WatchEvent<StoredKinds[K]>[] = [];
  const unsubscribe = store.watch(
    kind,
    (event) => {
      seen.push(describeEvent(event));
      events.push(event);
    },
    resourceVersion === undefined ? {} : { resourceVersion },
  );
  return { seen, events, unsubscribe };
}

describe('InMemoryStateStore', () => {
  describe('create, get, list, update, delete', () => {
    it('create stamps uid, generation 1 and the resource version, and get returns it', async () => {
      const store = new InMemoryStateStore();
      const created = await store.create('Cluster', makeCluster('member1').region('eu').build());
      expect(created.metadata).toEqual({
        name: 'member1',
        labels: {},
        uid: 'cluster-1',
        generation: 1,
        resourceVersion: '1',
      });
      expect(created.spec).toEqual({ syncMode: 'Push', region: 'eu' });
      expect(await store.get('Cluster', 'member1')).toBe(created);
      expect(await store.get('Cluster', 'member2')).toBeUndefined();
    });

    it('keeps a uid the object brings', async () => {
      const store = new InMemoryStateStore();
      const created = await store.create('Binding', makeBinding('foo'));
      expect(created.metadata.uid).toBe('default-foo');
    });

    it('keys namespaced objects as namespace/name', async () => {
      const store = new InMemoryStateStore();
      await store.create('Binding', makeBinding('foo', { namespace: 'team-a' }));
      expect((await store.get('Binding', 'team-a/foo'))?.metadata.name).toBe('foo');
      expect(await store.get('Binding', 'foo')).toBeUndefined();
    });

    it('lists sorted by key, with the store version, per kind', async () => {
      const store = new InMemoryStateStore();
      for (const name of ['member3', 'member1', 'member2'])
        await store.create('Cluster', makeCluster(name).build());
      await store.create('Binding', makeBinding('b', { namespace: 'ns2' }));
      await store.create('Binding', makeBinding('a', { namespace: 'ns2' }));
      await store.create('Binding', makeBinding('z', { namespace: 'ns1' }));
      const clusters = await store.list('Cluster');
      expect(clusters.items.map((c) => c.metadata.name)).toEqual(['member1', 'member2', 'member3']);
      expect(clusters.resourceVersion).toBe('6');
      const bindings = await store.list('Binding');
      expect(bindings.items.map((b) => `${b.metadata.namespace}/${b.metadata.name}`)).toEqual([
        'ns1/z',
        'ns2/a',
        'ns2/b',
      ]);
      expect((await store.list('Lease')).items).toEqual([]);
    });

    it('a version counter shared by all kinds goes up by one per write', async () => {
      const store = new InMemoryStateStore();
      const a = await store.create('Cluster', makeCluster('a').build());
      const foo = await store.create('Binding', makeBinding('foo'));
      const a2 = await store.update('Cluster', { ...a, spec: { ...a.spec, region: 'eu' } });
      await store.delete('Binding', 'default/foo');
      const b = await store.create('Cluster', makeCluster('b').build());
      expect([
        a.metadata.resourceVersion,
        foo.metadata.resourceVersion,
        a2.metadata.resourceVersion,
        b.metadata.resourceVersion,
      ]).toEqual(['1', '2', '3', '5']);
    });

    it('update keeps uid and creation time whatever the writer sends', async () => {
      const store = new InMemoryStateStore();
      const created = await store.create('Cluster', {
        ...makeCluster('a').build(),
        metadata: { name: 'a', creationTimestamp: 1234 },
      });
      const updated = await store.update('Cluster', {
        ...created,
        metadata: { ...created.metadata, uid: 'forged', creationTimestamp: 99 },
      });
      expect(updated.metadata.uid).toBe('cluster-1');
      expect(updated.metadata.creationTimestamp).toBe(1234);
    });

    it('delete removes the object', async () => {
      const store = new InMemoryStateStore();
      const a = await store.create('Cluster', makeCluster('a').build());
      await store.delete('Cluster', 'a', a.metadata.resourceVersion);
      expect(await store.get('Cluster', 'a')).toBeUndefined();
      expect((await store.list('Cluster')).items).toEqual([]);
      // And the name can be used again.
      await expect(store.create('Cluster', makeCluster('a').build())).resolves.toMatchObject({
        metadata: { name: 'a', resourceVersion: '3' },
      });
    });
  });

  describe('generation', () => {
    it.each([
      {
        name: 'a status-only update keeps the generation',
        change: (c: Cluster): Cluster => ({ ...c, status: { lastHeartbeatTime: 5 } }),
        want: 1,
      },
      {
        name: 'a label-only update keeps the generation',
        change: (c: Cluster): Cluster => ({
          ...c,
          metadata: { ...c.metadata, labels: { x: 'y' } },
        }),
        want: 1,
      },
      {
        name: 'rewriting an equal spec keeps the generation',
        change: (c: Cluster): Cluster => ({ ...c, spec: { ...c.spec } }),
        want: 1,
      },
      {
        name: 'rewriting an equal spec with its fields in another order keeps the generation',
        change: (c: Cluster): Cluster => ({ ...c, spec: { region: 'eu', syncMode: 'Push' } }),
        want: 1,
      },
      {
        name: 'a spec change increments the generation',
        change: (c: Cluster): Cluster => ({ ...c, spec: { ...c.spec, region: 'us' } }),
        want: 2,
      },
      {
        name: 'adding a taint increments the generation',
        change: (c: Cluster): Cluster => ({
          ...c,
          spec: { ...c.spec, taints: [{ key: 'k', effect: 'NoSchedule' }] },
        }),
        want: 2,
      },
    ])('$name', async ({ change, want }) => {
      const store = new InMemoryStateStore();
      const created = await store.create('Cluster', makeCluster('a').region('eu').build());
      const updated = await store.update('Cluster', change(created));
      expect(updated.metadata.generation).toBe(want);
    });

    it('ignores a generation the writer sends', async () => {
      const store = new InMemoryStateStore();
      const created = await store.create('Cluster', {
        ...makeCluster('a').build(),
        metadata: { name: 'a', generation: 42 },
      });
      expect(created.metadata.generation).toBe(1);
      const updated = await store.update('Cluster', {
        ...created,
        metadata: { ...created.metadata, generation: 7 },
        spec: { region: 'x' },
      });
      expect(updated.metadata.generation).toBe(2);
    });
  });

  describe('errors', () => {
    it('update with a stale resource version fails with ConflictError and changes nothing', async () => {
      const store = new InMemoryStateStore();
      const v1 = await store.create('Cluster', makeCluster('a').build());
      const v2 = await store.update('Cluster', { ...v1, spec: { ...v1.spec, region: 'eu' } });
      const write = store.update('Cluster', { ...v1, spec: { ...v1.spec, region: 'us' } });
      await expect(write).rejects.toThrow(ConflictError);
      await expect(write).rejects.toMatchObject({
        name: 'ConflictError',
        kind: 'Cluster',
        key: 'a',
        expectedVersion: '1',
        actualVersion: '2',
        message:
          'Cluster "a" was modified: the write expected resource version 1 but the store has 2; read it again and retry',
      });
      expect(await store.get('Cluster', 'a')).toBe(v2);
      expect((await store.list('Cluster')).resourceVersion).toBe('2');
    });

    it('of two writers that read the same version, only the first succeeds', async () => {
      const store = new InMemoryStateStore();
      const read = await store.create('Cluster', makeCluster('a').build());
      const results = await Promise.allSettled([
        store.update('Cluster', { ...read, spec: { region: 'first' } }),
        store.update('Cluster', { ...read, spec: { region: 'second' } }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      expect((await store.get('Cluster', 'a'))?.spec.region).toBe('first');
    });

    it('update without a resource version overwrites', async () => {
      const store = new InMemoryStateStore();
      await store.create('Cluster', makeCluster('a').build());
      await store.update('Cluster', makeCluster('a').region('eu').build());
      const blind = await store.update('Cluster', makeCluster('a').region('us').build());
      expect(blind.spec.region).toBe('us');
      expect(blind.metadata.resourceVersion).toBe('3');
    });

    it('create of an existing key fails with AlreadyExistsError', async () => {
      const store = new InMemoryStateStore();
      await store.create('Cluster', makeCluster('a').build());
      const write = store.create('Cluster', makeCluster('a').region('eu').build());
      await expect(write).rejects.toThrow(AlreadyExistsError);
      await expect(write).rejects.toMatchObject({
        kind: 'Cluster',
        key: 'a',
        message: 'Cluster "a" already exists',
      });
      expect((await store.get('Cluster', 'a'))?.spec.region).toBeUndefined();
    });

    it('the same name in another kind is not a duplicate', async () => {
      const store = new InMemoryStateStore();
      await store.create('Cluster', makeCluster('foo').build());
      await expect(
        store.create('Binding', { ...makeBinding('foo'), metadata: { name: 'foo' } }),
      ).resolves.toBeDefined();
    });

    it.each([
      {
        name: 'update of a missing key fails with NotFoundError',
        write: (s: InMemoryStateStore) => s.update('Cluster', makeCluster('ghost').build()),
      },
      {
        name: 'delete of a missing key fails with NotFoundError',
        write: (s: InMemoryStateStore) => s.delete('Cluster', 'ghost'),
      },
    ])('$name', async ({ write }) => {
      const store = new InMemoryStateStore();
      const result = write(store);
      await expect(result).rejects.toThrow(NotFoundError);
      await expect(result).rejects.toMatchObject({
        kind: 'Cluster',
        key: 'ghost',
        message: 'Cluster "ghost" not found',
      });
    });

    it('delete with a stale resource version fails with ConflictError and keeps the object', async () => {
      const store = new InMemoryStateStore();
      const v1 = await store.create('Cluster', makeCluster('a').build());
      await store.update('Cluster', { ...v1, status: { lastHeartbeatTime: 1 } });
      await expect(store.delete('Cluster', 'a', '1')).rejects.toMatchObject({
        name: 'ConflictError',
        expectedVersion: '1',
        actualVersion: '2',
      });
      expect(await store.get('Cluster', 'a')).toBeDefined();
    });
  });

  describe('stored objects', () => {
    it('are deeply frozen', async () => {
      const store = new InMemoryStateStore();
      const created = await store.create(
        'Cluster',
        makeCluster('a')
          .taint({ key: 'k', effect: 'NoSchedule' })
          .allocatable({ cpu: '8' })
          .build(),
      );
      expect(Object.isFrozen(created)).toBe(true);
      expect(Object.isFrozen(created.metadata)).toBe(true);
      expect(Object.isFrozen(created.spec.taints)).toBe(true);
      expect(Object.isFrozen(created.spec.taints?.[0])).toBe(true);
      expect(Object.isFrozen(created.status?.allocatable)).toBe(true);
      expect(() => {
        (created.spec as { region?: string }).region = 'mutated';
      }).toThrow(TypeError);
      expect(() => {
        (created.spec.taints as unknown as unknown[]).push({ key: 'x', effect: 'NoSchedule' });
      }).toThrow(TypeError);
      expect((await store.get('Cluster', 'a'))?.spec.region).toBeUndefined();
    });

    it('an update does not change the object an earlier reader holds', async () => {
      const store = new InMemoryStateStore();
      const v1 = await store.create('Cluster', makeCluster('a').region('eu').build());
      await store.update('Cluster', { ...v1, spec: { ...v1.spec, region: 'us' } });
      expect(v1.spec.region).toBe('eu');
      expect(v1.metadata.resourceVersion).toBe('1');
    });
  });

  describe('watch', () => {
    it('delivers ADDED, MODIFIED and DELETED in commit order, with the previous object', async () => {
      const store = new InMemoryStateStore();
      const { seen, events } = recordWatch(store, 'Cluster');
      const a = await store.create('Cluster', makeCluster('a').build());
      const b = await store.create('Cluster', makeCluster('b').build());
      const a2 = await store.update('Cluster', { ...a, spec: { region: 'eu' } });
      await store.delete('Cluster', 'b');
      await settle();
      expect(seen).toEqual([
        'ADDED a@1',
        'ADDED b@2',
        'MODIFIED a@3 (was 1)',
        'DELETED b@2 (was 2)',
      ]);
      expect(events[2]?.object).toBe(a2);
      expect(events[2]?.previous).toBe(a);
      expect(events[3]?.object).toBe(b);
    });

    it('delivers after the write, not during it', async () => {
      const store = new InMemoryStateStore();
      const { seen } = recordWatch(store, 'Cluster');
      void store.create('Cluster', makeCluster('a').build());
      expect(seen).toEqual([]);
      await settle();
      expect(seen).toEqual(['ADDED a@1']);
    });

    it('delivers only its own kind, and only changes made after it started', async () => {
      const store = new InMemoryStateStore();
      await store.create('Cluster', makeCluster('before').build());
      const { seen } = recordWatch(store, 'Cluster');
      await store.create('Binding', makeBinding('foo'));
      await store.create('Cluster', makeCluster('after').build());
      await settle();
      expect(seen).toEqual(['ADDED after@3']);
    });

    it('every watcher gets every event', async () => {
      const store = new InMemoryStateStore();
      const first = recordWatch(store, 'Cluster');
      const second = recordWatch(store, 'Cluster');
      await store.create('Cluster', makeCluster('a').build());
      await store.create('Cluster', makeCluster('b').build());
      await settle();
      expect(first.seen).toEqual(['ADDED a@1', 'ADDED b@2']);
      expect(second.seen).toEqual(first.seen);
    });

    it.each([
      {
        name: 'resuming from the first version replays everything after it',
        from: '1',
        want: ['MODIFIED a@3 (was 1)', 'ADDED c@4', 'ADDED d@6'],
      },
      {
        name: 'resuming from a version of another kind replays what followed',
        from: '2',
        want: ['MODIFIED a@3 (was 1)', 'ADDED c@4', 'ADDED d@6'],
      },
      { name: 'resuming from the newest version replays nothing', from: '5', want: ['ADDED d@6'] },
      {
        name: 'resuming from 0 replays the whole history',
        from: '0',
        want: ['ADDED a@1', 'MODIFIED a@3 (was 1)', 'ADDED c@4', 'ADDED d@6'],
      },
    ])('$name, then follows live changes', async ({ from, want }) => {
      const store = new InMemoryStateStore();
      const a = await store.create('Cluster', makeCluster('a').build()); // 1
      await store.create('Binding', makeBinding('foo')); // 2
      await store.update('Cluster', { ...a, spec: { region: 'eu' } }); // 3
      await store.create('Cluster', makeCluster('c').build()); // 4
      await store.create('Binding', makeBinding('bar')); // 5
      const { seen } = recordWatch(store, 'Cluster', from);
      // A live write right after subscribing comes after the replay.
      void store.create('Cluster', makeCluster('d').build()); // 6
      await settle();
      expect(seen).toEqual(want);
    });

    it('a list followed by a watch from its version misses nothing and repeats nothing', async () => {
      const store = new InMemoryStateStore();
      await store.create('Cluster', makeCluster('a').build());
      const listed = await store.list('Cluster');
      await store.create('Cluster', makeCluster('b').build());
      const { seen } = recordWatch(store, 'Cluster', listed.resourceVersion);
      await store.create('Cluster', makeCluster('c').build());
      await settle();
      expect(listed.items.map((c) => c.metadata.name)).toEqual(['a']);
      expect(seen).toEqual(['ADDED b@2', 'ADDED c@3']);
    });

    it('fails with ExpiredError when resuming from before the history limit', async () => {
      const store = new InMemoryStateStore({ historyLimit: 2 });
      for (const name of ['a', 'b', 'c']) await store.create('Cluster', makeCluster(name).build());
      expect(() => store.watch('Cluster', () => undefined, { resourceVersion: '0' })).toThrow(
        ExpiredError,
      );
      expect(() => store.watch('Cluster', () => undefined, { resourceVersion: '0' })).toThrow(
        'cannot watch Cluster from resource version 0: it has been compacted; list again',
      );
      // Version 1 was dropped, but resuming after it needs only 2 and 3, which are kept.
      const { seen } = recordWatch(store, 'Cluster', '1');
      await settle();
      expect(seen).toEqual(['ADDED b@2', 'ADDED c@3']);
    });

    it('keeps the history limit per kind', async () => {
      const store = new InMemoryStateStore({ historyLimit: 2 });
      await store.create('Cluster', makeCluster('a').build()); // 1
      for (const name of ['x', 'y', 'z']) await store.create('Binding', makeBinding(name)); // 2..4: compacts Binding only
      const { seen } = recordWatch(store, 'Cluster', '0');
      await settle();
      expect(seen).toEqual(['ADDED a@1']);
      expect(() => store.watch('Binding', () => undefined, { resourceVersion: '1' })).toThrow(
        ExpiredError,
      );
    });

    it.each([{ version: 'abc' }, { version: '1.5' }])(
      'a malformed resource version ($version) fails with ExpiredError',
      async ({ version }) => {
        const store = new InMemoryStateStore();
        await store.create('Cluster', makeCluster('a').build());
        expect(() => store.watch('Cluster', () => undefined, { resourceVersion: version })).toThrow(
          ExpiredError,
        );
      },
    );

    it('unsubscribe stops delivery, even of events already queued', async () => {
      const store = new InMemoryStateStore();
      const { seen, unsubscribe } = recordWatch(store, 'Cluster');
      await store.create('Cluster', makeCluster('a').build());
      await settle();
      void store.create('Cluster', makeCluster('b').build());
      unsubscribe();
      await store.create('Cluster', makeCluster('c').build());
      await settle();
      expect(seen).toEqual(['ADDED a@1']);
    });

    it('unsubscribing one watcher leaves the others', async () => {
      const store = new InMemoryStateStore();
      const first = recordWatch(store, 'Cluster');
      const second = recordWatch(store, 'Cluster');
      first.unsubscribe();
      await store.create('Cluster', makeCluster('a').build());
      await settle();
      expect(first.seen).toEqual([]);
      expect(second.seen).toEqual(['ADDED a@1']);
    });
  });
});
