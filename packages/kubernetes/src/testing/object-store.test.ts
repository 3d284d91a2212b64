import {
  ObjectStore,
  ResourceVersionTooOldError,
  type KubeObject,
  type StoredEvent,
} from './object-store';

const object = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  metadata: { name, namespace: 'default', labels },
});

describe('ObjectStore', () => {
  it('stamps every write of any resource with the next global revision', () => {
    const store = new ObjectStore();
    const a = store.put('/configmaps', 'default/a', object('a'));
    const b = store.put('apps/deployments', 'default/b', object('b'));
    const gone = store.remove('/configmaps', 'default/a');
    expect([a, b, gone].map((o) => Number(o?.metadata.resourceVersion))).toEqual([2, 3, 4]);
    expect(store.currentRevision()).toBe(4);
  });

  it('replays the changes after a revision, then delivers live ones', () => {
    const store = new ObjectStore();
    store.put('/configmaps', 'default/a', object('a'));
    store.put('/configmaps', 'default/a', object('a', { v: '2' }));
    const seen: string[] = [];
    store.watch(
      '/configmaps',
      2,
      () => true,
      (e) => seen.push(`${e.type}@${e.resourceVersion}`),
    );
    store.remove('/configmaps', 'default/a');
    expect(seen).toEqual(['MODIFIED@3', 'DELETED@4']);
  });

  it('refuses a watch from a compacted revision, by explicit compaction or the history limit', () => {
    const store = new ObjectStore(2);
    for (let i = 0; i < 4; i++) store.put('/configmaps', `default/c${i}`, object(`c${i}`));
    expect(() =>
      store.watch(
        '/configmaps',
        1,
        () => true,
        () => undefined,
      ),
    ).toThrow(ResourceVersionTooOldError);
    expect(() =>
      store.watch(
        '/configmaps',
        3,
        () => true,
        () => undefined,
      ),
    ).not.toThrow();
    store.compact();
    expect(() =>
      store.watch(
        '/configmaps',
        4,
        () => true,
        () => undefined,
      ),
    ).toThrow('too old resource version: 4 (6)');
  });

  it('shows a filtered watch an object leaving its selector as DELETED and entering it as ADDED', () => {
    const store = new ObjectStore();
    const seen: StoredEvent['type'][] = [];
    store.watch(
      '/configmaps',
      1,
      (o) => o.metadata.labels?.app === 'web',
      (e) => seen.push(e.type),
    );
    store.put('/configmaps', 'default/a', object('a', { app: 'db' }));
    store.put('/configmaps', 'default/a', object('a', { app: 'web' }));
    store.put('/configmaps', 'default/a', object('a', { app: 'web', v: '2' }));
    store.put('/configmaps', 'default/a', object('a', { app: 'db' }));
    expect(seen).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });
});
