import assert from 'node:assert/strict';
import { RealClock } from '../clock/real-clock';
import type {
  Kind,
  StateStore,
  StoredKinds,
  WatchEvent,
  WatchOptions,
} from '../contracts/state-store';
import { AlreadyExistsError } from '../errors/already-exists-error';
import { ConflictError } from '../errors/conflict-error';
import { ExpiredError } from '../errors/expired-error';
import { NotFoundError } from '../errors/not-found-error';
import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { Quantity } from '../model/quantity';
import { globalTestApi, type ConformanceTestApi } from './test-api';

/**
 * A store under test, made fresh for each case by the factory given to
 * {@link describeStateStoreConformance}.
 * @public
 */
export interface StateStoreHarness {
  /** The store, empty. */
  readonly store: StateStore;
  /**
   * Makes the store forget every change of `kind` made so far (compaction, pushing changes out
   * of a bounded log), so resuming a watch from an older version expires.
   */
  forgetHistory(kind: Kind): Promise<void>;
  /** Releases what the harness holds (connections, servers); called after each case. */
  close(): Promise<void>;
}

/** Options of {@link describeStateStoreConformance}. @public */
export interface StateStoreConformanceOptions {
  /** Where to register the cases; by default the global `describe`, `it`, ... (Jest, Vitest). */
  readonly testApi?: ConformanceTestApi;
  /** How long a case waits for watch events to arrive; default 5000 ms. */
  readonly watchTimeoutMs?: number;
}

const clock = new RealClock();
const POLL_MS = 10;
const DEFAULT_WAIT_MS = 5_000;

/**
 * Records a watch's events and waits, bounded in real time, until enough have arrived: for
 * store tests beyond the conformance suite.
 * @public
 */
export class WatchRecorder<K extends Kind> {
  /** Every event delivered so far, in order. */
  readonly events: WatchEvent<StoredKinds[K]>[] = [];
  /** Stops the watch. */
  readonly unsubscribe: () => void;

  constructor(store: StateStore, kind: K, options?: WatchOptions) {
    this.unsubscribe = store.watch(kind, (event) => this.events.push(event), options);
  }

  /** Resolves with the events once `count` have arrived; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<WatchEvent<StoredKinds[K]>[]> {
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

/**
 * Watches `kind` from `resourceVersion` and returns the `ExpiredError` the store reports, thrown
 * by `watch` or passed to `onError` (the contract allows both), or fails after `timeoutMs`.
 */
async function expiredErrorOf(
  store: StateStore,
  kind: Kind,
  resourceVersion: string,
  timeoutMs: number,
): Promise<unknown> {
  let reported: unknown;
  let delivered = 0;
  let unsubscribe: (() => void) | undefined;
  try {
    unsubscribe = store.watch(kind, () => delivered++, {
      resourceVersion,
      onError: (error) => (reported = error),
    });
  } catch (error) {
    return error;
  }
  try {
    for (let waited = 0; reported === undefined && waited < timeoutMs; waited += POLL_MS)
      await clock.sleep(POLL_MS);
  } finally {
    unsubscribe();
  }
  assert.equal(delivered, 0, `the watch from ${resourceVersion} delivered events before failing`);
  if (reported === undefined)
    assert.fail(`watching ${kind} from ${resourceVersion} reported no ExpiredError`);
  return reported;
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
 * Registers the behaviour every `StateStore` must show as one suite of test cases: create,
 * get and list; optimistic concurrency; the metadata a store owns (uid, generation, versions);
 * `Quantity` revival; and watches (commit order, resuming, expiry, unsubscribe). Call it at the
 * top level of a test file with a factory that returns a fresh, empty store for each case:
 *
 * ```ts
 * import { describeStateStoreConformance } from '@lifeboat/core/testing';
 *
 * describeStateStoreConformance('MyStore', async () => {
 *   const store = await MyStore.connect({ prefix: `/test-${randomUUID()}/` });
 *   return { store, forgetHistory: () => store.compact(), close: () => store.close() };
 * });
 * ```
 *
 * Failures are `node:assert` errors, so the suite runs under any runner that has `describe`,
 * `it`, `beforeEach` and `afterEach` (the globals by default; see
 * {@link StateStoreConformanceOptions.testApi}). Resource versions must be decimal strings that
 * grow with each write, as etcd revisions and Kubernetes resource versions are.
 * @public
 */
export function describeStateStoreConformance(
  name: string,
  makeHarness: () => Promise<StateStoreHarness>,
  options: StateStoreConformanceOptions = {},
): void {
  const { describe, it, beforeEach, afterEach } =
    options.testApi ?? globalTestApi('describeStateStoreConformance');
  const timeoutMs = options.watchTimeoutMs ?? DEFAULT_WAIT_MS;
  const record = <K extends Kind>(kind: K, watch?: WatchOptions) => {
    const recorder = new WatchRecorder(store, kind, watch);
    return {
      events: recorder.events,
      unsubscribe: recorder.unsubscribe,
      waitFor: (count: number) => recorder.waitFor(count, timeoutMs),
    };
  };
  let harness: StateStoreHarness;
  let store: StateStore;

  describe(`${name} conforms to the StateStore contract`, () => {
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
        assert.equal(typeof created.metadata.uid, 'string');
        assert.equal(created.metadata.generation, 1);
        assert.match(created.metadata.resourceVersion ?? '', /^\d+$/);
        assert.ok(Object.isFrozen(created), 'the created object is frozen');
        const read = await store.get('Cluster', 'member1');
        assert.deepStrictEqual(read, created);
        assert.ok(Object.isFrozen(read?.spec), 'the read object is frozen deeply');
      });

      it('create keeps a uid the caller set', async () => {
        const created = await store.create(
          'Cluster',
          cluster('member1', { metadata: { name: 'member1', uid: 'given' } }),
        );
        assert.equal(created.metadata.uid, 'given');
      });

      it('create of an existing key fails with AlreadyExistsError and changes nothing', async () => {
        const first = await store.create('Cluster', cluster('member1'));
        await assert.rejects(
          store.create('Cluster', cluster('member1', { spec: { region: 'us' } })),
          new AlreadyExistsError('Cluster', 'member1'),
        );
        assert.deepStrictEqual(await store.get('Cluster', 'member1'), first);
      });

      it('get of a missing key is undefined', async () => {
        assert.equal(await store.get('Cluster', 'nobody'), undefined);
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
        assert.deepStrictEqual(
          list.items.map((b) => `${b.metadata.namespace}/${b.metadata.name}`),
          ['default/a', 'default/b', 'prod/a'],
        );
        for (const item of list.items)
          assert.ok(
            BigInt(list.resourceVersion) >= BigInt(item.metadata.resourceVersion ?? ''),
            `list version ${list.resourceVersion} is older than item version ${item.metadata.resourceVersion}`,
          );
        assert.deepStrictEqual(await store.get('Binding', 'prod/a'), list.items[2]);
      });
    });

    describe('optimistic concurrency', () => {
      it('update with the current version writes a new version; with a stale one fails with ConflictError naming both', async () => {
        const v1 = await store.create('Cluster', cluster('member1'));
        const v2 = await store.update('Cluster', { ...v1, spec: { region: 'us' } });
        assert.notEqual(v2.metadata.resourceVersion, v1.metadata.resourceVersion);
        await assert.rejects(
          store.update('Cluster', { ...v1, spec: { region: 'ap' } }),
          new ConflictError(
            'Cluster',
            'member1',
            v1.metadata.resourceVersion as string,
            v2.metadata.resourceVersion as string,
          ),
        );
        assert.equal((await store.get('Cluster', 'member1'))?.spec.region, 'us');
      });

      it('update without a version overwrites whatever is stored', async () => {
        const v1 = await store.create('Cluster', cluster('member1'));
        await store.update('Cluster', { ...v1, spec: { region: 'us' } });
        const { resourceVersion: _stale, ...metadata } = v1.metadata;
        const v3 = await store.update('Cluster', { ...v1, metadata, spec: { region: 'ap' } });
        assert.equal(v3.spec.region, 'ap');
        assert.equal(v3.metadata.uid, v1.metadata.uid);
      });

      it('update and delete of a missing key fail with NotFoundError', async () => {
        const notFound = new NotFoundError('Cluster', 'ghost');
        await assert.rejects(store.update('Cluster', cluster('ghost')), notFound);
        await assert.rejects(store.delete('Cluster', 'ghost'), notFound);
        await assert.rejects(store.delete('Cluster', 'ghost', '1'), notFound);
      });

      it('delete with a stale version fails with ConflictError; with the current one it deletes', async () => {
        const v1 = await store.create('Cluster', cluster('member1'));
        const v2 = await store.update('Cluster', { ...v1, spec: { region: 'us' } });
        await assert.rejects(
          store.delete('Cluster', 'member1', v1.metadata.resourceVersion),
          new ConflictError(
            'Cluster',
            'member1',
            v1.metadata.resourceVersion as string,
            v2.metadata.resourceVersion as string,
          ),
        );
        await store.delete('Cluster', 'member1', v2.metadata.resourceVersion);
        assert.equal(await store.get('Cluster', 'member1'), undefined);
      });

      it('delete without a version deletes whatever is stored', async () => {
        await store.create('Cluster', cluster('member1'));
        await store.delete('Cluster', 'member1');
        assert.deepStrictEqual((await store.list('Cluster')).items, []);
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
        assert.equal(statusOnly.metadata.generation, 1);
        const labelsOnly = await store.update('Cluster', {
          ...statusOnly,
          metadata: { ...statusOnly.metadata, labels: { tier: 'gold' } },
        });
        assert.equal(labelsOnly.metadata.generation, 1);
        const specChange = await store.update('Cluster', {
          ...labelsOnly,
          metadata: { ...labelsOnly.metadata, uid: 'forged', creationTimestamp: 9 },
          spec: { region: 'us' },
        });
        const { generation, uid, creationTimestamp, labels } = specChange.metadata;
        assert.deepStrictEqual(
          { generation, uid, creationTimestamp, labels },
          {
            generation: 2,
            uid: v1.metadata.uid,
            creationTimestamp: 1_000,
            labels: { tier: 'gold' },
          },
        );
        const sameSpec = await store.update('Cluster', { ...specChange, spec: { region: 'us' } });
        assert.equal(sameSpec.metadata.generation, 2);
      });

      it('Quantity values come back as Quantity instances from get, list and watch', async () => {
        const recorder = record('Cluster');
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
          const memory = read?.status?.capacity?.['memory'];
          assert.ok(memory instanceof Quantity, 'capacity.memory is a Quantity');
          assert.equal(memory.cmp(Quantity.parse('32Gi')), 0);
          assert.equal(read?.status?.allocatable?.['cpu']?.milliValue(), 7500n);
          assert.equal(read?.status?.allocated?.['pods']?.value(), 12n);
        }
        const request = (await store.get('Binding', 'default/web'))?.spec.replicaRequirements
          ?.resourceRequest;
        assert.ok(request?.['cpu'] instanceof Quantity, 'resourceRequest.cpu is a Quantity');
        assert.equal(String(request['cpu']), '500m');
        assert.equal(request['memory']?.value(), 1n << 30n);
      });
    });

    describe('watch', () => {
      it('delivers changes in commit order, with previous on modification and deletion, asynchronously', async () => {
        const recorder = record('Cluster');
        const a1 = await store.create('Cluster', cluster('a'));
        await store.create('Cluster', cluster('b'));
        const a2 = await store.update('Cluster', { ...a1, spec: { region: 'us' } });
        await store.delete('Cluster', 'b');
        const events = await recorder.waitFor(4);
        recorder.unsubscribe();
        assert.deepStrictEqual(summary(events), ['ADDED a', 'ADDED b', 'MODIFIED a', 'DELETED b']);
        assert.equal(events[0]?.previous, undefined);
        assert.deepStrictEqual(events[2]?.object, a2);
        assert.deepStrictEqual(events[2]?.previous, a1);
        assert.equal(events[3]?.previous?.metadata.name, 'b');
        const versions = events.map((e) => BigInt(e.object.metadata.resourceVersion ?? '0'));
        assert.ok(
          versions[0]! < versions[1]! && versions[1]! < versions[2]!,
          `versions grow in commit order: ${versions.join(', ')}`,
        );
      });

      it('does not call the handler from inside watch()', async () => {
        const v1 = await store.create('Cluster', cluster('a'));
        let called = false;
        const unsubscribe = store.watch('Cluster', () => (called = true), {
          resourceVersion: String(BigInt(v1.metadata.resourceVersion as string) - 1n),
        });
        assert.equal(called, false);
        unsubscribe();
      });

      it('watches one kind only', async () => {
        const recorder = record('Binding');
        await store.create('Cluster', cluster('a'));
        await store.create('Binding', binding('web'));
        assert.deepStrictEqual(summary(await recorder.waitFor(1)), ['ADDED web']);
        recorder.unsubscribe();
      });

      it('resumes from a version: every change after it, none before', async () => {
        const a1 = await store.create('Cluster', cluster('a'));
        const { resourceVersion } = await store.list('Cluster');
        await store.update('Cluster', { ...a1, spec: { region: 'us' } });
        await store.create('Cluster', cluster('b'));
        await store.delete('Cluster', 'a');
        const recorder = record('Cluster', { resourceVersion });
        const events = await recorder.waitFor(3);
        await store.create('Cluster', cluster('c'));
        await recorder.waitFor(4);
        recorder.unsubscribe();
        assert.deepStrictEqual(summary(events), ['MODIFIED a', 'ADDED b', 'DELETED a', 'ADDED c']);
        assert.deepStrictEqual(events[0]?.previous, a1);
      });

      it('resuming from something that is not a resource version fails with ExpiredError', async () => {
        await store.create('Cluster', cluster('a'));
        const error = await expiredErrorOf(store, 'Cluster', 'not-a-version', timeoutMs);
        assert.ok(error instanceof ExpiredError, `expected an ExpiredError, got ${String(error)}`);
      });

      it('delivers nothing after unsubscribe', async () => {
        const stopped = record('Cluster');
        const live = record('Cluster');
        await store.create('Cluster', cluster('a'));
        await stopped.waitFor(1);
        stopped.unsubscribe();
        await store.create('Cluster', cluster('b'));
        await store.create('Cluster', cluster('c'));
        await live.waitFor(3);
        await clock.sleep(50);
        live.unsubscribe();
        assert.deepStrictEqual(summary(stopped.events), ['ADDED a']);
      });
    });

    describe('history', () => {
      it('resuming from a forgotten (compacted) version fails with ExpiredError; a fresh list can be watched', async () => {
        const a1 = await store.create('Cluster', cluster('a'));
        const old = a1.metadata.resourceVersion as string;
        const a2 = await store.update('Cluster', { ...a1, spec: { region: 'us' } });
        await store.update('Cluster', { ...a2, spec: { region: 'ap' } });
        await harness.forgetHistory('Cluster');
        assert.deepStrictEqual(
          await expiredErrorOf(store, 'Cluster', old, timeoutMs),
          new ExpiredError('Cluster', old),
        );
        const { items, resourceVersion } = await store.list('Cluster');
        assert.deepStrictEqual(
          items.map((c) => c.spec.region),
          ['ap'],
        );
        const recorder = record('Cluster', { resourceVersion });
        await store.create('Cluster', cluster('b'));
        assert.deepStrictEqual(summary(await recorder.waitFor(1)), ['ADDED b']);
        recorder.unsubscribe();
      });
    });
  });
}
