import {
  ApiException,
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  Watch,
  makeInformer,
  setHeaderOptions,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { KubernetesApiDouble } from './kubernetes-api-double';

// @kubernetes/client-node is the client Lifeboat uses; nobody here wrote it, so where it and
// the double disagree, the double is wrong.
describe('@kubernetes/client-node against the Kubernetes API double', () => {
  let double: KubernetesApiDouble;
  let config: KubeConfig;
  let core: CoreV1Api;

  beforeEach(async () => {
    double = await KubernetesApiDouble.start({ workloads: { startupDelayMs: 100 } });
    config = new KubeConfig();
    config.loadFromString(double.kubeconfig());
    core = config.makeApiClient(CoreV1Api);
  });

  afterEach(async () => {
    await double.stop();
  });

  const configMap = (name: string, data: Record<string, string>): V1ConfigMap => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data,
  });

  it('creates, lists and reads with a resourceVersion that grows across resources', async () => {
    const a = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: configMap('a', { k: '1' }),
    });
    const lease = await config.makeApiClient(CoordinationV1Api).createNamespacedLease({
      namespace: 'default',
      body: { metadata: { name: 'l' }, spec: { holderIdentity: 'me', leaseDurationSeconds: 15 } },
    });
    const b = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: configMap('b', { k: '2' }),
    });
    const [va, vl, vb] = [a, lease, b].map((o) => Number(o.metadata?.resourceVersion));
    expect(va).toBeLessThan(vl as number);
    expect(vl).toBeLessThan(vb as number);
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    expect(list.items.map((c) => c.metadata?.name)).toEqual(['a', 'b']);
    expect(Number(list.metadata?.resourceVersion)).toBe(vb);
    expect((await core.readNamespacedConfigMap({ namespace: 'default', name: 'a' })).data).toEqual({
      k: '1',
    });
  });

  it('refuses an update carrying a stale resourceVersion with 409 Conflict', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: configMap('a', { k: '1' }),
    });
    await core.replaceNamespacedConfigMap({
      namespace: 'default',
      name: 'a',
      body: { ...created, data: { k: '2' } },
    });
    const stale = core.replaceNamespacedConfigMap({
      namespace: 'default',
      name: 'a',
      body: { ...created, data: { k: '3' } },
    });
    await expect(stale).rejects.toBeInstanceOf(ApiException);
    const error = (await stale.catch((e: unknown) => e)) as ApiException<string>;
    expect(error.code).toBe(409);
    expect(JSON.parse(error.body)).toMatchObject({ reason: 'Conflict', code: 409 });
    expect((await core.readNamespacedConfigMap({ namespace: 'default', name: 'a' })).data).toEqual({
      k: '2',
    });
  });

  it('answers 404 and 409 AlreadyExists with Status bodies', async () => {
    const missing = (await core
      .readNamespacedConfigMap({ namespace: 'default', name: 'nope' })
      .catch((e: unknown) => e)) as ApiException<string>;
    expect(missing.code).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({
      reason: 'NotFound',
      message: 'configmaps "nope" not found',
    });
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('a', {}) });
    const twice = (await core
      .createNamespacedConfigMap({ namespace: 'default', body: configMap('a', {}) })
      .catch((e: unknown) => e)) as ApiException<string>;
    expect(twice.code).toBe(409);
    expect(JSON.parse(twice.body)).toMatchObject({ reason: 'AlreadyExists' });
  });

  it('server-side applies through a patch with field manager and force', async () => {
    const apps = config.makeApiClient(AppsV1Api);
    const body = (replicas: number) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx' }] },
        },
      },
    });
    const ssa = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
    const created = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'default', body: body(2), fieldManager: 'lifeboat', force: true },
      ssa,
    );
    expect(created.spec?.replicas).toBe(2);
    const again = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'default', body: body(2), fieldManager: 'lifeboat', force: true },
      ssa,
    );
    // The stand-in controller writes status meanwhile; the spec's generation must not move.
    expect(again.metadata?.generation).toBe(1);
    const scaled = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'default', body: body(4), fieldManager: 'lifeboat', force: true },
      ssa,
    );
    expect(scaled.spec?.replicas).toBe(4);
    expect(scaled.metadata?.generation).toBe(2);
    expect(scaled.metadata?.managedFields?.find((e) => e.manager === 'lifeboat')?.operation).toBe(
      'Apply',
    );
  });

  it('keeps the resourceVersion when a server-side apply changes nothing', async () => {
    const ssa = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
    const apply = () =>
      core.patchNamespacedConfigMap(
        {
          name: 'a',
          namespace: 'default',
          body: configMap('a', { k: '1' }),
          fieldManager: 'lifeboat',
        },
        ssa,
      );
    const created = await apply();
    const again = await apply();
    expect(again.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    expect(again.metadata?.managedFields).toEqual(created.metadata?.managedFields);
  });

  it('streams watch events from a resourceVersion, and reports a compacted one as 410 in the stream', async () => {
    const first = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: configMap('a', { k: '1' }),
    });
    await core.replaceNamespacedConfigMap({
      namespace: 'default',
      name: 'a',
      body: { ...first, data: { k: '2' } },
    });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'a' });
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      void new Watch(config).watch(
        '/api/v1/namespaces/default/configmaps',
        { resourceVersion: first.metadata?.resourceVersion },
        (type, object: V1ConfigMap) => {
          events.push(`${type} ${object.metadata?.name} ${JSON.stringify(object.data)}`);
          if (type === 'DELETED') resolve();
        },
        () => undefined,
      );
    });
    await done;
    expect(events).toEqual(['MODIFIED a {"k":"2"}', 'DELETED a {"k":"2"}']);

    double.compact();
    const expired = await new Promise<{ type: string; code: unknown }>((resolve) => {
      void new Watch(config).watch(
        '/api/v1/namespaces/default/configmaps',
        { resourceVersion: first.metadata?.resourceVersion },
        (type, object: { code?: number }) => resolve({ type, code: object.code }),
        () => undefined,
      );
    });
    expect(expired).toEqual({ type: 'ERROR', code: 410 });
  });

  it('keeps an informer cache in step, and relists after its watch broke and the history was compacted', async () => {
    let lists = 0;
    const informer = makeInformer(config, '/api/v1/namespaces/default/configmaps', () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: 'default' });
    });
    const arrived = (name: string) =>
      new Promise<void>((resolve) => {
        informer.on('add', (object: V1ConfigMap) => {
          if (object.metadata?.name === name) resolve();
        });
      });
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('before', {}) });
    await informer.start();
    expect(informer.list().map((o) => o.metadata?.name)).toEqual(['before']);
    const after = arrived('after');
    await double.watching(1);
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('after', {}) });
    await after;
    expect(lists).toBe(1);

    // A partition: the watch goes silent, a change happens and its history is compacted; when the
    // network heals the connection is reset, the re-watch gets 410 Gone and the informer relists.
    await double.setNetwork('hang');
    double.create(configMap('during', {}) as Record<string, unknown>);
    double.compact();
    const during = arrived('during');
    await double.setNetwork('up');
    await during;
    await informer.stop();
    expect(lists).toBe(2);
    expect(
      informer
        .list()
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(['after', 'before', 'during']);
  });

  it('answers /readyz and /healthz, and fails them when told to', async () => {
    const probe = async (path: string) => {
      const options = await config.applyToFetchOptions({});
      const response = await (await import('node-fetch')).default(`${double.url}${path}`, options);
      return { status: response.status, body: await response.text() };
    };
    expect(await probe('/readyz')).toEqual({ status: 200, body: 'ok' });
    double.setHealth({ readyz: false });
    expect((await probe('/readyz')).status).toBe(500);
    expect(await probe('/healthz')).toEqual({ status: 200, body: 'ok' });
  });
});
