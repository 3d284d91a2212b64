import type { StateStore } from '../contracts/state-store';
import { InMemoryStateStore } from '../store/in-memory-state-store';
import { describeStateStoreConformance, type StateStoreHarness } from './state-store-conformance';
import type { ConformanceTestApi } from './test-api';

interface Case {
  readonly name: string;
  readonly body: () => Promise<void>;
}

/** A test API that records the suite's cases so this test can run them and read the verdicts. */
function recordingTestApi() {
  const cases: Case[] = [];
  const before: (() => Promise<void>)[] = [];
  const after: (() => Promise<void>)[] = [];
  const prefix: string[] = [];
  const api: ConformanceTestApi = {
    describe(name, body) {
      prefix.push(name);
      body();
      prefix.pop();
    },
    it(name, body) {
      cases.push({ name: [...prefix, name].join(' > '), body });
    },
    beforeEach: (body) => void before.push(body),
    afterEach: (body) => void after.push(body),
  };
  async function failures(): Promise<string[]> {
    const failed: string[] = [];
    for (const c of cases) {
      for (const hook of before) await hook();
      try {
        await c.body();
      } catch {
        failed.push(c.name.split(' > ').pop() as string);
      } finally {
        for (const hook of after) await hook();
      }
    }
    return failed;
  }
  return { api, cases, failures };
}

const HISTORY_LIMIT = 10;

function harnessOf(store: StateStore, memory: InMemoryStateStore): StateStoreHarness {
  return {
    store,
    async forgetHistory() {
      for (let i = 0; i <= HISTORY_LIMIT / 2; i++) {
        await memory.create('Cluster', { metadata: { name: `filler-${i}` }, spec: {} });
        await memory.delete('Cluster', `filler-${i}`);
      }
    },
    async close() {},
  };
}

/** A store that forgets optimistic concurrency: writes with a stale version succeed. */
function ignoringVersions(memory: InMemoryStateStore): StateStore {
  return {
    get: (kind, key) => memory.get(kind, key),
    list: (kind) => memory.list(kind),
    create: (kind, object) => memory.create(kind, object),
    update: (kind, object) => {
      const { resourceVersion: _ignored, ...metadata } = object.metadata;
      return memory.update(kind, { ...object, metadata });
    },
    delete: (kind, key) => memory.delete(kind, key),
    watch: (kind, handler, options) => memory.watch(kind, handler, options),
  };
}

describe('describeStateStoreConformance', () => {
  it('registers its cases through the given test API and passes a store that keeps the contract', async () => {
    const { api, cases, failures } = recordingTestApi();
    describeStateStoreConformance(
      'InMemoryStateStore',
      async () => {
        const memory = new InMemoryStateStore({ historyLimit: HISTORY_LIMIT });
        return harnessOf(memory, memory);
      },
      { testApi: api, watchTimeoutMs: 1_000 },
    );
    expect(cases.length).toBeGreaterThan(15);
    expect(cases[0]?.name).toMatch(/^InMemoryStateStore conforms to the StateStore contract > /);
    expect(await failures()).toEqual([]);
  });

  it('fails exactly the concurrency cases for a store that ignores resource versions', async () => {
    const { api, failures } = recordingTestApi();
    describeStateStoreConformance(
      'IgnoringVersions',
      async () => {
        const memory = new InMemoryStateStore({ historyLimit: HISTORY_LIMIT });
        return harnessOf(ignoringVersions(memory), memory);
      },
      { testApi: api, watchTimeoutMs: 1_000 },
    );
    expect(await failures()).toEqual([
      'update with the current version writes a new version; with a stale one fails with ConflictError naming both',
      'delete with a stale version fails with ConflictError; with the current one it deletes',
    ]);
  });

  it('says how to run it when the runner has no global describe', () => {
    const saved = globalThis.describe;
    Reflect.deleteProperty(globalThis, 'describe');
    try {
      expect(() => describeStateStoreConformance('X', async () => ({}) as never)).toThrow(
        'describeStateStoreConformance: no global describe/it/beforeEach/afterEach; pass options.testApi (e.g. from node:test)',
      );
    } finally {
      globalThis.describe = saved;
    }
  });
});
