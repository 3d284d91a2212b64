import { NotFoundError, RealClock, type Cluster, type Lease } from '@lifeboat/core';
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../client/connect-etcd';
import { EtcdStateStore } from '../store/etcd-state-store';
import { EtcdServer } from '../testing/etcd-server';
import { ClusterHeartbeat } from './cluster-heartbeat';

const clock = new RealClock();
const INTERVAL_MS = 200;

let server: EtcdServer;
let client: Etcd3;
let store: EtcdStateStore;
let prefixNumber = 0;

beforeAll(async () => {
  server = await EtcdServer.start();
  client = await connectEtcd(server.endpoint);
});

beforeEach(async () => {
  store = await EtcdStateStore.connect({ client, prefix: `/heartbeat-${++prefixNumber}/` });
});

afterAll(async () => {
  client?.close();
  await server?.dispose();
});

describe('ClusterHeartbeat', () => {
  it('renews the cluster’s Lease with real time while running, and lets it go stale once stopped', async () => {
    const heartbeat = new ClusterHeartbeat({
      store,
      cluster: 'member1',
      holderIdentity: 'agent-1',
      intervalMs: INTERVAL_MS,
      lease: { namespace: 'karmada-cluster', durationSeconds: 40 },
    });
    const started = clock.now();
    await heartbeat.start();
    const first = (await store.get('Lease', 'karmada-cluster/member1')) as Lease;
    expect(first.spec).toEqual({
      holderIdentity: 'agent-1',
      leaseDurationSeconds: 40,
      acquireTime: first.spec.renewTime,
      renewTime: expect.any(Number),
      leaseTransitions: 0,
    });
    expect(first.spec.renewTime).toBeGreaterThanOrEqual(started);

    await clock.sleep(INTERVAL_MS * 4);
    const later = (await store.get('Lease', 'karmada-cluster/member1')) as Lease;
    expect(later.spec.renewTime).toBeGreaterThanOrEqual(
      (first.spec.renewTime as number) + INTERVAL_MS * 2,
    );
    expect(later.spec.renewTime).toBeLessThanOrEqual(clock.now());
    expect(later.spec.acquireTime).toBe(first.spec.acquireTime);

    await heartbeat.stop();
    const stopped = (await store.get('Lease', 'karmada-cluster/member1')) as Lease;
    await clock.sleep(INTERVAL_MS * 3);
    expect((await store.get('Lease', 'karmada-cluster/member1'))?.spec.renewTime).toBe(
      stopped.spec.renewTime,
    );
  });

  it('counts a transition when another agent takes the lease over', async () => {
    const lease = { namespace: 'karmada-cluster', durationSeconds: 40 };
    await new ClusterHeartbeat({
      store,
      cluster: 'member1',
      holderIdentity: 'agent-1',
      lease,
    }).beat();
    await new ClusterHeartbeat({
      store,
      cluster: 'member1',
      holderIdentity: 'agent-2',
      lease,
    }).beat();
    expect((await store.get('Lease', 'karmada-cluster/member1'))?.spec).toMatchObject({
      holderIdentity: 'agent-2',
      leaseTransitions: 1,
    });
  });

  it('stamps the Cluster’s heartbeat time and frequency without touching what others wrote', async () => {
    const cluster: Cluster = {
      metadata: { name: 'member1' },
      spec: { region: 'eu' },
      status: { healthz: true },
    };
    await store.create('Cluster', cluster);
    const heartbeat = new ClusterHeartbeat({
      store,
      cluster: 'member1',
      intervalMs: INTERVAL_MS,
      clusterStatus: true,
    });
    await heartbeat.start();
    const first = (await store.get('Cluster', 'member1')) as Cluster;
    await clock.sleep(INTERVAL_MS * 3);
    await heartbeat.stop();
    const later = (await store.get('Cluster', 'member1')) as Cluster;
    expect(later.status).toMatchObject({ healthz: true, heartbeatFrequencySeconds: 1 });
    expect(later.status?.lastHeartbeatTime).toBeGreaterThan(
      first.status?.lastHeartbeatTime as number,
    );
    expect(later.metadata.generation).toBe(1);
    expect(later.spec).toEqual({ region: 'eu' });
  });

  it('fails to start for a cluster that is not registered, and reports later failures to onError', async () => {
    const errors: Error[] = [];
    const heartbeat = new ClusterHeartbeat({
      store,
      cluster: 'ghost',
      intervalMs: INTERVAL_MS,
      clusterStatus: true,
      onError: (e) => errors.push(e),
    });
    await expect(heartbeat.start()).rejects.toEqual(new NotFoundError('Cluster', 'ghost'));

    await store.create('Cluster', { metadata: { name: 'leaving' }, spec: {} });
    const leaving = new ClusterHeartbeat({
      store,
      cluster: 'leaving',
      intervalMs: INTERVAL_MS,
      clusterStatus: true,
      onError: (e) => errors.push(e),
    });
    await leaving.start();
    await store.delete('Cluster', 'leaving');
    for (let i = 0; i < 50 && errors.length === 0; i++) await clock.sleep(20);
    await leaving.stop();
    expect(errors[0]).toEqual(new NotFoundError('Cluster', 'leaving'));
  });

  it('refuses options that would write nothing', () => {
    expect(() => new ClusterHeartbeat({ store, cluster: 'member1' })).toThrow(
      'ClusterHeartbeat needs `lease`, `clusterStatus` or both',
    );
  });
});
