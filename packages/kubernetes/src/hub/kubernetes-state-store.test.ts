import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { Quantity, type Binding, type Cluster } from '@lifeboat/core';
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

  it('keeps Clusters as lifeboat.dev custom resources that kubectl lists with their printer columns', async () => {
    const ready = {
      type: 'Ready',
      status: 'True' as const,
      reason: 'ClusterReady',
      message: '',
      lastTransitionTime: 1,
    };
    await store.create('Cluster', {
      ...makeCluster('member1').region('eu').build(),
      status: { conditions: [ready] },
    });
    const kubectl = new Kubectl(double.kubeconfig());
    const table = await kubectl.ok(['get', 'clusters.lifeboat.dev']);
    const names = await kubectl.ok(['get', 'lbc', '-o', 'name']);
    kubectl.dispose();
    expect(table.split('\n')[0]).toMatch(/^NAME\s+REGION\s+READY\s+AGE$/);
    expect(table.split('\n')[1]).toMatch(/^member1\s+eu\s+True\s+\d+s$/);
    expect(names.trim()).toBe('cluster.lifeboat.dev/member1');
  });

  it('keeps every field of the model through the CRD schemas the hub prunes against', async () => {
    const cluster: Cluster = {
      metadata: {
        name: 'member1',
        labels: { tier: 'gold' },
        annotations: { note: 'x' },
        creationTimestamp: 5,
      },
      spec: {
        syncMode: 'Push',
        apiEndpoint: 'https://member1.example:6443',
        region: 'eu',
        zones: ['eu-1a', 'eu-1b'],
        provider: 'aws',
        taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoExecute', timeAdded: 1_000 }],
      },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'Unreachable',
            message: 'no answer',
            lastTransitionTime: 9,
          },
        ],
        capacity: { cpu: Quantity.parse('8'), memory: Quantity.parse('32Gi') },
        allocatable: { cpu: Quantity.parse('7500m') },
        allocated: { pods: Quantity.parse('12') },
        lastHeartbeatTime: 10,
        heartbeatFrequencySeconds: 10,
        healthz: true,
        livez: true,
        readyz: false,
      },
    };
    const binding: Binding = {
      metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/part-of': 'shop' } },
      spec: {
        resource: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'shop',
          name: 'web',
          uid: 'u1',
        },
        replicas: 4,
        replicaRequirements: { resourceRequest: { cpu: Quantity.parse('250m') } },
        placement: {
          clusterAffinity: [
            { clusterNames: ['member1'], labelSelector: { matchLabels: { tier: 'gold' } } },
          ],
          clusterTolerations: [
            {
              key: 'cluster.karmada.io/not-ready',
              operator: 'Exists',
              effect: 'NoExecute',
              tolerationSeconds: 30,
            },
          ],
          spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 2 }],
          replicaScheduling: {
            type: 'Divided',
            division: 'DynamicWeight',
            dynamicWeight: 'AvailableReplicas',
          },
          workloadAffinity: { affinity: { groupByLabelKey: 'app.kubernetes.io/part-of' } },
        },
        clusters: [{ name: 'member2', replicas: 4 }],
        evictionTasks: [
          {
            fromCluster: 'member1',
            purgeMode: 'Gracefully',
            replicas: 4,
            reason: 'TaintUntolerated',
            message: 'not ready',
            producer: 'TaintManager',
            gracePeriodSeconds: 600,
            suppressDeletion: false,
            creationTimestamp: 20,
            clustersBeforeFailover: ['member1'],
          },
        ],
        failover: {
          cluster: { purgeMode: 'Gracefully', gracePeriodSeconds: 600 },
          failback: { stabilizationWindowSeconds: 300 },
        },
        rescheduleTriggeredAt: 30,
        workloadAffinityGroups: { affinityGroup: 'app.kubernetes.io/part-of=shop' },
      },
      status: {
        conditions: [
          {
            type: 'Scheduled',
            status: 'True',
            reason: 'Success',
            message: 'ok',
            lastTransitionTime: 21,
          },
        ],
        schedulerObservedGeneration: 1,
        lastScheduledTime: 21,
        schedulerObservingAffinityName: 'primary',
        aggregatedStatus: [
          {
            clusterName: 'member2',
            applied: true,
            health: 'Healthy',
            readyReplicas: 4,
            healthSince: 22,
          },
        ],
        failback: {
          clusters: [{ name: 'member1', replicas: 4 }],
          affinityName: 'primary',
          evictedClusters: ['member1'],
          since: 20,
          returning: { clusters: [{ name: 'member1', replicas: 4 }], startedAt: 40 },
        },
      },
    };
    const strip = (o: { metadata: object }) =>
      JSON.parse(JSON.stringify({ ...o, kind: undefined, metadata: undefined }));
    const storedCluster = await store.create('Cluster', cluster);
    const storedBinding = await store.create('Binding', binding);
    expect(strip((await store.get('Cluster', 'member1')) as Cluster)).toEqual(strip(cluster));
    expect(strip((await store.get('Binding', 'shop/web')) as Binding)).toEqual(strip(binding));
    expect(storedCluster.metadata).toMatchObject({
      labels: { tier: 'gold' },
      annotations: { note: 'x' },
      creationTimestamp: 5,
    });
    expect(storedBinding.metadata.namespace).toBe('shop');
    await expect(
      store.update('Binding', {
        ...storedBinding,
        spec: { ...storedBinding.spec, replicas: 'four' as unknown as number },
      }),
    ).rejects.toThrow('spec.replicas in body must be of type integer');
  });

  it('keeps Leases in one namespace when told, listing and watching only there', async () => {
    const lease = (namespace: string, name: string) => ({
      metadata: { name, namespace },
      spec: { holderIdentity: 'a', leaseDurationSeconds: 40, renewTime: 1_700_000_000_123 },
    });
    await store.create('Lease', lease('kube-node-lease', 'node-1'));
    const scoped = new KubernetesStateStore({
      kubeConfig: kubeConfigOf(double),
      leaseNamespace: 'lifeboat-system',
    });
    const recorder = new WatchRecorder(scoped, 'Lease');
    await scoped.create('Lease', lease('lifeboat-system', 'member1'));
    await store.create('Lease', lease('kube-node-lease', 'node-2'));
    await scoped.create('Lease', lease('lifeboat-system', 'member2'));
    const events = await recorder.waitFor(2);
    recorder.unsubscribe();
    expect(events.map((e) => e.object.metadata.name)).toEqual(['member1', 'member2']);
    expect((await scoped.list('Lease')).items.map((l) => l.metadata.name)).toEqual([
      'member1',
      'member2',
    ]);
    expect((await scoped.get('Lease', 'lifeboat-system/member1'))?.spec.renewTime).toBe(
      1_700_000_000_123,
    );
    await expect(scoped.create('Lease', lease('default', 'x'))).rejects.toThrow(
      'keeps Leases in namespace lifeboat-system',
    );
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

function kubeConfigOf(double: KubernetesApiDouble): KubeConfig {
  const config = new KubeConfig();
  config.loadFromString(double.kubeconfig());
  return config;
}
