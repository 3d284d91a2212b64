import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { makeCluster, WatchRecorder } from '@lifeboat/core/testing';
import { Kubectl } from '../testing/kubectl';
import { KubernetesApiDouble } from '../testing/kubernetes-api-double';
import { parseAllDocuments } from 'yaml';
import { lifeboatCrds } from './crds';
import { KubernetesStateStore } from './kubernetes-state-store';
import { LeaseFenceLostError } from './lease-fence';

describe('KubernetesStateStore', () => {
  let double: KubernetesApiDouble;
  let store: KubernetesStateStore;

  beforeEach(async () => {
    double = await KubernetesApiDouble.start();
    for (const crd of lifeboatCrds()) double.create(crd);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(double.kubeconfig());
    store = new KubernetesStateStore({ kubeConfig, watchRetryMs: 20 });
  });

  afterEach(() => double.stop());

  it('keeps Clusters as lifeboat.dev custom resources that kubectl can read', async () => {
    await store.create('Cluster', makeCluster('member1').build());
    const kubectl = new Kubectl(double.kubeconfig());
    const listed = await kubectl.ok(['get', 'clusters.lifeboat.dev', '-o', 'name']);
    kubectl.dispose();
    expect(listed.trim()).toBe('cluster.lifeboat.dev/member1');
  });

  it('resumes a watch the connection dropped, and relists when its version was compacted meanwhile', async () => {
    await store.create('Cluster', makeCluster('a').region('eu').build());
    const recorder = new WatchRecorder(store, 'Cluster');
    await store.create('Cluster', makeCluster('b').build());
    await recorder.waitFor(1);

    await double.setNetwork('down');
    await double.setNetwork('up');
    await store.create('Cluster', makeCluster('c').build());
    await recorder.waitFor(2);

    // Partitioned: a changes and b goes on the hub, and the history is compacted; when the
    // connection is reset the resumed watch gets 410 Gone, and only a relist can tell.
    await double.setNetwork('hang');
    const type = double.registry.findKind('lifeboat.dev/v1alpha1', 'Cluster')!;
    double.api.patch(type, undefined, 'a', (live) => ({ ...live, spec: { region: 'us' } }), {
      manager: 'test',
    });
    double.api.delete(type, undefined, 'b');
    double.compact();
    await double.setNetwork('up');
    const events = await recorder.waitFor(4);
    recorder.unsubscribe();
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED b',
      'ADDED c',
      'MODIFIED a',
      'DELETED b',
    ]);
    expect(events[2]?.object.spec.region).toBe('us');
    expect(events[2]?.previous?.spec.region).toBe('eu');
  });

  it('refuses fenced writes once the fence is past its deadline or the Lease names another holder', async () => {
    const lease = {
      namespace: 'default',
      name: 'controller',
      holderIdentity: 'me',
      leaseTransitions: 0,
    };
    await store.create('Lease', {
      metadata: { name: 'controller', namespace: 'default' },
      spec: { holderIdentity: 'me', leaseDurationSeconds: 15, leaseTransitions: 0 },
    });
    const fenced = store.withFence(() => ({ ...lease, validUntil: Number.MAX_SAFE_INTEGER }));
    await fenced.create('Cluster', makeCluster('ok').build());
    const expired = store.withFence({ ...lease, validUntil: 0 });
    await expect(expired.create('Cluster', makeCluster('late').build())).rejects.toThrow(
      LeaseFenceLostError,
    );
    const deposed = store.withFence({
      ...lease,
      leaseTransitions: 3,
      validUntil: Number.MAX_SAFE_INTEGER,
    });
    await expect(deposed.delete('Cluster', 'ok')).rejects.toThrow('the Lease is held by me now');
    const notLeading = store.withFence(() => undefined);
    await expect(notLeading.create('Cluster', makeCluster('x').build())).rejects.toThrow(
      'this replica does not lead',
    );
    expect((await store.list('Cluster')).items.map((c) => c.metadata.name)).toEqual(['ok']);
  });

  it('ships crds.yaml as the CRDs it generates, and kubectl apply --server-side establishes them', async () => {
    const shipped = readFileSync(join(__dirname, '..', '..', 'crds.yaml'), 'utf8');
    expect(parseAllDocuments(shipped).map((d) => d.toJSON())).toEqual(lifeboatCrds());
    const fresh = await KubernetesApiDouble.start();
    const kubectl = new Kubectl(fresh.kubeconfig());
    try {
      await kubectl.ok(['apply', '--server-side', '-f', kubectl.file('crds.yaml', shipped)]);
      await kubectl.ok([
        'wait',
        '--for=condition=Established',
        'crd/clusters.lifeboat.dev',
        'crd/bindings.lifeboat.dev',
        '--timeout=10s',
      ]);
    } finally {
      kubectl.dispose();
      await fresh.stop();
    }
  });
});
