import {
  AlreadyExistsError,
  ConflictError,
  ExpiredError,
  NotFoundError,
  Quantity,
  RealClock,
  type Binding,
  type Cluster,
  type Kind,
  type StateStore,
  type StoredKinds,
  type WatchEvent,
  type WatchOptions,
} from '@lifeboat/core';

/** A store under test and how to make it forget history. @public */
export interface StateStoreHarness {
  readonly store: StateStore;
  /** Makes the store forget every change of `kind` made so far, so resuming from an older version expires. */
  forgetHistory(kind: Kind): Promise<void>;
  /** Releases what the harness holds (connections); called after each test. */
  close(): Promise<void>;
}

const clock = new RealClock();
const WAIT_MS = 5_000;
const POLL_MS = 10;

/** Records a watch's events and waits, bounded in time, until enough have arrived. */
export class WatchRecorder<K extends Kind> {
  readonly events: WatchEvent<StoredKinds[K]>[] = [];
  readonly unsubscribe: () => void;

  constructor(store: StateStore, kind: K, options?: WatchOptions) {
    this.unsubscribe = store.watch(kind, (event) => this.events.push(event), options);
  }

  async waitFor(count: number, timeoutMs = WAIT_MS): Promise<WatchEvent<StoredKinds[K]>[]> {
    const attempts = Math.ceil(timeoutMs / POLL_MS);
    for (let attempt = 0; attempt < attempts && this.events.length < count; attempt++)
      await clock.sleep(POLL_MS);
    if (this.events.length < count)
      throw new Error(
        `expected ${count} watch events within ${timeoutMs} ms, got ${this.events.length}`,
      );
    return this.events;
  }
}

function cluster(name: string, overrides: Partial<Cluster> = {}): Cluster {
  return { metadata: { name }, spec: { region: 'eu' }, ...overrides };
}

function binding(name: string): Binding {
  return {
    metadata: { name, namespace: 'default' },
    spec: {
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name },
      replicas: 3,
      replicaRequirements: {
        resourceRequest: { cpu: Quantity.parse('500m'), memory: Quantity.parse('1Gi') },
      },
      placement: { replicaScheduling: { type: 'Duplicated' } },
    },
  };
}

function summary(
  events: readonly WatchEvent<{ metadata: { name: string; resourceVersion?: string } }>[],
): string[] {
  return events.map((e) => `${e.type} ${e.object.metadata.name}`);
}

/**
 * The behaviour every {@link StateStore} must show, as one jest suite: run it against each
 * implementation (`describeStateStoreConformance('InMemoryStateStore', makeHarness)`).
 * @public
 */
export function describeStateStoreConformance(
  name: string,
  makeHarness: () => Promise<StateStoreHarness>,
): void {
  describe(`${name} conforms to the StateStore contract`, () => {
    let harness: StateStoreHarness;
    let store: StateStore;

    beforeEach(async () => {
      harness = await makeHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.close();
    });

    describe('create, get and list', () => {
      it('create assigns a uid, generation 1 and a resource version, and get returns the same frozen object', async () => {
        const created = await store.create('Cluster', cluster('member1'));
        expect(created.metadata.uid).toEqual(expect.any(String));
        expect(created.metadata.generation).toBe(1);
        expect(created.metadata.resourceVersion).toMatch(/^\d+$/);
        expect(Object.isFrozen(created)).toBe(true);
        const read = await store.get('Cluster', 'member1');
        expect(read).toEqual(created);
        expect(Object.isFrozen(read?.spec)).toBe(true);
      });

      it('create keeps a uid the caller set', async () => {
        const created = await store.create(
          'Cluster',
          cluster('member1', { metadata: { name: 'member1', uid: 'given' } }),
        );
        expect(created.metadata.uid).toBe('given');
      });

      it('create of an existing key fails with AlreadyExistsError and changes nothing', async () => {
        const first = await store.create('Cluster', cluster('member1'));
        await expect(
          store.create('Cluster', cluster('member1', { spec: { region: 'us' } })),
        ).rejects.toEqual(new AlreadyExistsError('Cluster', 'member1'));
        expect(await store.get('Cluster', 'member1')).toEqual(first);
      });

      it('get of a missing key is undefined', async () => {
        expect(await store.get('Cluster', 'nobody')).toBeUndefined();
      });

      it('lists one kind sorted by key, at a version no older than any item', async () => {
        await store.create('Binding', binding('b'));
        await store.create('Binding', {
          ...binding('a'),
          metadata: { name: 'a', namespace: 'prod' },
        });
        await store.create('Binding', binding('a'));
        await store.create('Cluster', cluster('member1'));
        const list = await store.list('Binding');
        expect(list.items.map((b) => `${b.metadata.namespace}/${b.metadata.name}`)).toEqual([
          'default/a',
          'default/b',
          'prod/a',
        ]);
        for (const item of list.items)
          expect(BigInt(list.resourceVersion)).toBeGreaterThanOrEqual(
            BigInt(item.metadata.resourceVersion ?? ''),
          );
        expect(await store.get('Binding', 'prod/a')).toEqual(list.items[2]);
      });
    });

    describe('optimistic concurrency', () => {
      it('update with the current version writes a new version; with a stale one fails with ConflictError naming both', async () => {
        const v1 = await store.create('Cluster', cluster('member1'));
        const v2 = await store.update('Cluster', { ...v1, spec: { region: 'us' } });
        expect(v2.metadata.resourceVersion).not.toBe(v1.metadata.resourceVersion);
        const stale = store.update('Cluster', { ...v1, spec: { region: 'ap' } });
        await expect(stale).rejects.toEqual(
          new ConflictError(
            'Cluster',
            'member1',
            v1.metadata.resourceVersion as string,
            v2.metadata.resourceVersion as string,
          ),
        );
        expect((await store.get('Cluster', 'member1'))?.spec.region).toBe('us');
      });

      it('update without a version overwrites whatever is stored', async () => {
        const v1 = await store.create('Cluster', cluster('member1'));
        await store.update('Cluster', { ...v1, spec: { region: 'us' } });
        const { resourceVersion: _stale, ...metadata } = v1.metadata;
        const v3 = await store.update('Cluster', { ...v1, metadata, spec: { region: 'ap' } });
        expect(v3.spec.region).toBe('ap');
        expect(v3.metadata.uid).toBe(v1.metadata.uid);
      });

      it('update and delete of a missing key fail with NotFoundError', async () => {
        await expect(store.update('Cluster', cluster('ghost'))).rejects.toEqual(
          new NotFoundError('Cluster', 'ghost'),
        );
        await expect(store.delete('Cluster', 'ghost')).rejects.toEqual(
          new NotFoundError('Cluster', 'ghost'),
        );
        await expect(store.delete('Cluster', 'ghost', '1')).rejects.toEqual(
          new NotFoundError('Cluster', 'ghost'),
        );
      });

      it('delete with a stale version fails with ConflictError; with the current one it deletes', async () => {
        const v1 = await store.create('Cluster', cluster('member1'));
        const v2 = await store.update('Cluster', { ...v1, spec: { region: 'us' } });
        await expect(
          store.delete('Cluster', 'member1', v1.metadata.resourceVersion),
        ).rejects.toEqual(
          new ConflictError(
            'Cluster',
            'member1',
            v1.metadata.resourceVersion as string,
            v2.metadata.resourceVersion as string,
          ),
        );
        await store.delete('Cluster', 'member1', v2.metadata.resourceVersion);
        expect(await store.get('Cluster', 'member1')).toBeUndefined();
      });

      it('delete without a version deletes whatever is stored', async () => {
        await store.create('Cluster', cluster('member1'));
        await store.delete('Cluster', 'member1');
        expect((await store.list('Cluster')).items).toEqual([]);
      });
    });

    describe('metadata the store owns', () => {
      it('generation goes up only when spec changes; uid and creationTimestamp survive updates', async () => {
        const v1 = await store.create(
          'Cluster',
          cluster('member1', { metadata: { name: 'member1', creationTimestamp: 1_000 } }),
        );
        const statusOnly = await store.update('Cluster', {
          ...v1,
          status: { lastHeartbeatTime: 5 },
        });
        expect(statusOnly.metadata.generation).toBe(1);
        const labelsOnly = await store.update('Cluster', {
          ...statusOnly,
          metadata: { ...statusOnly.metadata, labels: { tier: 'gold' } },
        });
        expect(labelsOnly.metadata.generation).toBe(1);
        const specChange = await store.update('Cluster', {
          ...labelsOnly,
          metadata: { ...labelsOnly.metadata, uid: 'forged', creationTimestamp: 9 },
          spec: { region: 'us' },
        });
        expect(specChange.metadata).toMatchObject({
          generation: 2,
          uid: v1.metadata.uid,
          creationTimestamp: 1_000,
          labels: { tier: 'gold' },
        });
        const sameSpec = await store.update('Cluster', { ...specChange, spec: { region: 'us' } });
        expect(sameSpec.metadata.generation).toBe(2);
      });

      it('Quantity values come back as Quantity instances from get, list and watch', async () => {
        const recorder = new WatchRecorder(store, 'Cluster');
        const capacity = { cpu: Quantity.parse('8'), memory: Quantity.parse('32Gi') };
        const created = await store.create(
          'Cluster',
          cluster('member1', {
            status: {
              capacity,
              allocatable: { cpu: Quantity.parse('7500m') },
              allocated: { pods: Quantity.parse('12') },
            },
          }),
        );
        await store.create('Binding', binding('web'));
        const fromGet = await store.get('Cluster', 'member1');
        const [fromList] = (await store.list('Cluster')).items;
        const [event] = await recorder.waitFor(1);
        recorder.unsubscribe();
        for (const read of [created, fromGet, fromList, event?.object]) {
          expect(read?.status?.capacity?.['memory']).toBeInstanceOf(Quantity);
          expect(read?.status?.capacity?.['memory']?.cmp(Quantity.parse('32Gi'))).toBe(0);
          expect(read?.status?.allocatable?.['cpu']?.milliValue()).toBe(7500n);
          expect(read?.status?.allocated?.['pods']?.value()).toBe(12n);
        }
        const request = (await store.get('Binding', 'default/web'))?.spec.replicaRequirements
          ?.resourceRequest;
        expect(request?.['cpu']).toBeInstanceOf(Quantity);
        expect(String(request?.['cpu'])).toBe('500m');
        expect(request?.['memory']?.value()).toBe(1n << 30n);
      });
    });

    describe('watch', () => {
      it('delivers changes in commit order, with previous on modification and deletion, asynchronously', async () => {
        const recorder = new WatchRecorder(store, 'Cluster');
        const a1 = await store.create('Cluster', cluster('a'));
        await store.create('Cluster', cluster('b'));
        const a2 = await store.update('Cluster', { ...a1, spec: { region: 'us' } });
        await store.delete('Cluster', 'b');
        const events = await recorder.waitFor(4);
        recorder.unsubscribe();
        expect(summary(events)).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a', 'DELETED b']);
        expect(events[0]?.previous).toBeUndefined();
        expect(events[2]?.object).toEqual(a2);
        expect(events[2]?.previous).toEqual(a1);
        expect(events[3]?.previous?.metadata.name).toBe('b');
        const versions = events.map((e) => BigInt(e.object.metadata.resourceVersion ?? '0'));
        expect(versions.slice(0, 3)).toEqual(
          [...versions.slice(0, 3)].sort((x, y) => (x < y ? -1 : 1)),
        );
      });

      it('does not call the handler from inside watch()', async () => {
        const v1 = await store.create('Cluster', cluster('a'));
        let called = false;
        const unsubscribe = store.watch('Cluster', () => (called = true), {
          resourceVersion: String(BigInt(v1.metadata.resourceVersion as string) - 1n),
        });
        expect(called).toBe(false);
        unsubscribe();
      });

      it('watches one kind only', async () => {
        const recorder = new WatchRecorder(store, 'Binding');
        await store.create('Cluster', cluster('a'));
        await store.create('Binding', binding('web'));
        expect(summary(await recorder.waitFor(1))).toEqual(['ADDED web']);
        recorder.unsubscribe();
      });

      it('resumes from a version: every change after it, none before', async () => {
        const a1 = await store.create('Cluster', cluster('a'));
        const { resourceVersion } = await store.list('Cluster');
        await store.update('Cluster', { ...a1, spec: { region: 'us' } });
        await store.create('Cluster', cluster('b'));
        await store.delete('Cluster', 'a');
        const recorder = new WatchRecorder(store, 'Cluster', { resourceVersion });
        const events = await recorder.waitFor(3);
        await store.create('Cluster', cluster('c'));
        await recorder.waitFor(4);
        recorder.unsubscribe();
        expect(summary(events)).toEqual(['MODIFIED a', 'ADDED b', 'DELETED a', 'ADDED c']);
        expect(events[0]?.previous).toEqual(a1);
      });

      it('resuming from a forgotten (compacted) version fails with ExpiredError; a fresh list can be watched', async () => {
        const a1 = await store.create('Cluster', cluster('a'));
        const old = a1.metadata.resourceVersion as string;
        const a2 = await store.update('Cluster', { ...a1, spec: { region: 'us' } });
        await store.update('Cluster', { ...a2, spec: { region: 'ap' } });
        await harness.forgetHistory('Cluster');
        expect(() => store.watch('Cluster', () => undefined, { resourceVersion: old })).toThrow(
          new ExpiredError('Cluster', old),
        );
        expect(() =>
          store.watch('Cluster', () => undefined, { resourceVersion: 'not-a-version' }),
        ).toThrow(ExpiredError);
        const { items, resourceVersion } = await store.list('Cluster');
        expect(items.map((c) => c.spec.region)).toEqual(['ap']);
        const recorder = new WatchRecorder(store, 'Cluster', { resourceVersion });
        await store.create('Cluster', cluster('b'));
        expect(summary(await recorder.waitFor(1))).toEqual(['ADDED b']);
        recorder.unsubscribe();
      });

      it('delivers nothing after unsubscribe', async () => {
        const stopped = new WatchRecorder(store, 'Cluster');
        const live = new WatchRecorder(store, 'Cluster');
        await store.create('Cluster', cluster('a'));
        await stopped.waitFor(1);
        stopped.unsubscribe();
        await store.create('Cluster', cluster('b'));
        await store.create('Cluster', cluster('c'));
        await live.waitFor(3);
        await clock.sleep(50);
        live.unsubscribe();
        expect(summary(stopped.events)).toEqual(['ADDED a']);
      });
    });
  });
}
